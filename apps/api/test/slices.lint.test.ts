import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

/*
 * The vertical slices are enforced by lint (eslint.config.js): a router or service that builds
 * queries itself, or a service that knows tRPC, fails. Each case lints a virtual file at a real
 * path with the workspace's own config.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}apps/api/src/${path}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';

describe('lint of the api slices', () => {
  test('lint fails on a router that imports kysely', async () => {
    const messages = await lint('modules/units/unit.router.ts', "import { sql } from 'kysely';\n\nexport const raw = sql`select 1`;\n");
    expect(messages).toEqual([expect.stringContaining(`${RESTRICTED}: 'kysely' import is restricted`)]);
  });

  test('lint fails on a service that imports @trpc/server', async () => {
    const messages = await lint('modules/units/unit.service.ts', "import { TRPCError } from '@trpc/server';\n\nexport const e = new TRPCError({ code: 'NOT_FOUND' });\n");
    expect(messages).toEqual([expect.stringContaining(`${RESTRICTED}: '@trpc/server' import is restricted`)]);
  });

  test('a repository may build queries', async () => {
    const messages = await lint('modules/units/unit.repository.ts', "import { sql } from 'kysely';\n\nexport const raw = sql`select 1`;\n");
    expect(messages).toEqual([]);
  });
}, 120_000);
