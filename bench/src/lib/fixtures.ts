/**
 * Things several benches need, made once per run: a PGlite data directory seeded with the
 * demo district (template; benches copy it so every server starts on a fresh, seeded dir).
 */
import { dirname, join } from 'node:path';

import { createDb, migrateToLatest } from '@evmtrail/api/db';
import { fileKeyStore, useKeyStore } from '@evmtrail/api/services';

import { copyDir, dirBytes, freshDir } from './fs.ts';
import { seedDemo, type SeedReport } from './seed-adapter.ts';
import type { FixtureName } from './types.ts';

export interface SeededPglite {
  readonly templateDir: string;
  readonly users: SeedReport['users'];
  readonly counts: Omit<SeedReport, 'users' | 'ms'>;
  /** createDb on an empty file-backed dir: PGlite creates the cluster (initdb). */
  readonly createMs: number;
  /** migrateToLatest on that new cluster. */
  readonly migrateMs: number;
  /** seedDemo wall time as seen by the bench. */
  readonly seedMs: number;
  /** seedDemo's own figure (report.ms). */
  readonly seedReportMs: number;
  /** Closing PGlite (flushes the data dir). */
  readonly closeMs: number;
  readonly dataDirBytes: number;
}

export class Fixtures {
  private seeded: Promise<SeededPglite> | undefined;

  constructor(private readonly tmpRoot: string, private readonly log: (text: string) => void) {}

  async ensure(name: FixtureName): Promise<void> {
    switch (name) {
      case 'seeded-pglite':
        await this.seededPglite();
        return;
    }
  }

  /** Seeds once per run; later calls get the same template. */
  seededPglite(): Promise<SeededPglite> {
    this.seeded ??= this.makeSeededPglite();
    return this.seeded;
  }

  /** A fresh copy of the seeded template in `dir`. */
  async copySeeded(dir: string): Promise<SeededPglite> {
    const seeded = await this.seededPglite();
    copyDir(seeded.templateDir, dir);
    // The signing keys sit next to the data dir, where the api looks for them (docs/keys.md).
    if (keysBeside(seeded.templateDir) !== keysBeside(dir)) copyDir(keysBeside(seeded.templateDir), keysBeside(dir));
    return seeded;
  }

  private async makeSeededPglite(): Promise<SeededPglite> {
    const templateDir = freshDir(join(this.tmpRoot, 'fixture-seeded-pglite'));
    this.log(`seeding the demo district into ${templateDir}`);
    const t0 = performance.now();
    useKeyStore(fileKeyStore(keysBeside(templateDir)));
    const database = await createDb({ kind: 'pglite', dataDir: templateDir });
    const createMs = performance.now() - t0;
    try {
      await migrateToLatest(database.db);
      const migrateMs = performance.now() - t0 - createMs;
      let lastLog = 0;
      const t1 = performance.now();
      const report = await seedDemo(database.db, {
        onProgress: (message) => {
          const now = performance.now();
          if (now - lastLog > 10_000 || !message.startsWith('Custody log')) {
            lastLog = now;
            this.log(`seed: ${message}`);
          }
        },
      });
      const seedMs = performance.now() - t1;
      const t2 = performance.now();
      await database.close();
      const closeMs = performance.now() - t2;
      const { users, ms, ...counts } = report;
      return {
        templateDir, users, counts, createMs, migrateMs, seedMs, seedReportMs: ms, closeMs,
        dataDirBytes: dirBytes(templateDir),
      };
    } catch (error) {
      await database.close().catch(() => undefined);
      throw error;
    }
  }
}

/** Where the api keeps the signing keys of a PGlite data dir: `keys` beside it. */
function keysBeside(dataDir: string): string {
  return join(dirname(dataDir), 'keys');
}
