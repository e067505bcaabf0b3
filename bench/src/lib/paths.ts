import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (bench/src/lib -> ../../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BENCH_DIR = resolve(REPO_ROOT, 'bench');
export const RESULTS_DIR = resolve(BENCH_DIR, 'results');

export function repoPath(...parts: string[]): string {
  return resolve(REPO_ROOT, ...parts);
}

export function repoHas(...parts: string[]): boolean {
  return existsSync(repoPath(...parts));
}
