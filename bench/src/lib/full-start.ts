import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { REPO_ROOT } from './paths.ts';
import { signalGroup } from './proc.ts';
import { READY_TEXT } from './server.ts';
import type { BenchContext } from './types.ts';

/** Lines `pnpm start` prints when a phase ends, and the phase they end (the web build runs beside them). */
const PHASE_MARKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Database: PGlite/, 'seed process up (node, tsx, modules)'],
  [/^Writing states/, 'PGlite created and migrated, demo generated'],
  [/^Writing \d+ users/, 'reference rows, locations and units written'],
  [/FLC entries$/, 'users, log heads, consignment custody log and FLC round written'],
  [/^Seeded the demo/, 'checkpoints signed'],
  [new RegExp(READY_TEXT), 'api up in the seed\'s process, on the database it holds open'],
];

export interface FullStart {
  readonly readyMs: number;
  /** Milliseconds from the spawn to the first line of each phase mark, in order. */
  readonly marks: Record<string, number>;
  readonly tail: string[];
}

/** Runs `pnpm start` (scripts/start.mjs) on `dataDir` until the api prints its ready line, then stops it. */
export async function fullStart(ctx: BenchContext, dataDir: string, port: number): Promise<FullStart> {
  // PGlite, as a new user gets it: no DATABASE_URL.
  const { DATABASE_URL: _postgres, ...inherited } = process.env;
  const started = performance.now();
  const child = spawn('pnpm', ['start'], {
    cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, PGLITE_DATA_DIR: dataDir, PORT: String(port) },
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) signalGroup(child, 'SIGTERM');
  };
  ctx.onCleanup(stop);
  const marks: Record<string, number> = {};
  const tail: string[] = [];
  const ready = new Promise<number>((resolve, reject) => {
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      for (const [text, phase] of PHASE_MARKS) {
        if (text.test(line) && marks[phase] === undefined) marks[phase] = performance.now() - started;
      }
      if (line.includes(READY_TEXT)) resolve(performance.now() - started);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.once('exit', (code) => reject(new Error(`pnpm start exited with ${String(code)} before ready:\n${tail.join('\n')}`)));
    setTimeout(() => reject(new Error(`pnpm start not ready after ${Math.round(ctx.timeLeftMs() / 1000)} s:\n${tail.join('\n')}`)), Math.max(10_000, ctx.timeLeftMs() - 5_000));
  });
  try {
    return { readyMs: await ready, marks, tail };
  } finally {
    stop();
    await new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
      else child.once('exit', resolve);
    });
  }
}
