/** Facts about the machine and checkout a run was made on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

import { repoPath, REPO_ROOT } from './paths.ts';

export interface MachineFacts {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemoryBytes: number;
  readonly totalMemoryGiB: number;
  /** 1, 5 and 15 minute load averages when the run started: a busy machine slows every figure. */
  readonly loadAverageAtStart: readonly number[];
  readonly git: { readonly commit: string | null; readonly branch: string | null; readonly dirty: boolean | null };
  readonly versions: Readonly<Record<string, string | null>>;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function packageVersion(...path: string[]): string | null {
  try {
    const parsed = JSON.parse(readFileSync(repoPath(...path, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : null;
  } catch {
    return null;
  }
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  const status = git(['status', '--porcelain']);
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return {
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    osRelease: os.release(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    totalMemoryGiB: round2(os.totalmem() / 1024 ** 3),
    loadAverageAtStart: os.loadavg().map(round2),
    git: { commit: git(['rev-parse', 'HEAD']), branch: git(['rev-parse', '--abbrev-ref', 'HEAD']), dirty: status === null ? null : status.length > 0 },
    versions: {
      pglite: packageVersion('apps/api/node_modules/@electric-sql/pglite'),
      kysely: packageVersion('bench/node_modules/kysely'),
      trpcClient: packageVersion('bench/node_modules/@trpc/client'),
      tsx: packageVersion('bench/node_modules/tsx'),
    },
  };
}
