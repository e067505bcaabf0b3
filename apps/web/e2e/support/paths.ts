import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIR = join(E2E_DIR, '..');
export const REPO_DIR = join(WEB_DIR, '..', '..');
/** Everything a run writes (gitignored): page screenshots, traces, sign-in states. */
export const OUT_DIR = join(E2E_DIR, 'out');
export const PAGES_DIR = join(OUT_DIR, 'pages');
export const AUTH_DIR = join(OUT_DIR, 'auth');

export function authFile(username: string): string {
  return join(AUTH_DIR, `${username}.json`);
}
