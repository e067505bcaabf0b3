import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

import { createDb } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrator.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
  }
}

/** Migrates one PGlite database and snapshots it; each test file starts from a copy. */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'evmtrail-template-'));
  const path = join(dir, 'template.tar.gz');
  if (process.env.EVMTRAIL_TEST_DB !== 'pg') {
    const database = await createDb({ kind: 'pglite' });
    await migrateToLatest(database.db);
    if (!database.pglite) throw new Error('expected PGlite');
    const dump = await database.pglite.dumpDataDir('gzip');
    writeFileSync(path, new Uint8Array(await dump.arrayBuffer()));
    await database.close();
  }
  project.provide('pgliteTemplatePath', path);
  return () => rmSync(dir, { recursive: true, force: true });
}
