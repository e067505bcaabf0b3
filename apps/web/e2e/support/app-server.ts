// Starts the app as a user does (`scripts/start.mjs`: the demo seed on a fresh PGlite, the api
// serving the built web app) and reads the demo logins from what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_DIR } from './paths.ts';

const API_READY = 'EVM Trail api ready';
const START_TIMEOUT_MS = 600_000;
const STOP_TIMEOUT_MS = 8_000;
/** `  deo.pune / nectar-indigo-falcon-30  (deo, Pune)`: seed/src/login-table.ts. */
const LOGIN_LINE = /^ {2}(\S+) \/ (\S+)\s+\((.+)\)\s*$/;

export type Logins = Record<string, string>;

export interface RunningApp {
  readonly baseURL: string;
  readonly logins: Logins;
  stop(): Promise<void>;
}

export function parseLogins(output: string): Logins {
  const logins: Logins = {};
  for (const line of output.split('\n')) {
    const m = LOGIN_LINE.exec(line);
    if (m?.[1] && m[2]) logins[m[1]] = m[2];
  }
  return logins;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Stops the child's whole process group (start.mjs, pnpm, the api) and waits for it to go. */
async function stopGroup(child: ChildProcess, exited: () => boolean): Promise<void> {
  const signal = (s: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (!exited() && Date.now() < deadline) await sleep(100);
  if (!exited()) signal('SIGKILL');
}

/**
 * `E2E_BASE_URL` + `E2E_LOGINS` (a file holding the start command's output) reuse an app that is
 * already running. Otherwise the app starts on `E2E_PORT` (default: a free port) with a fresh
 * data folder under `E2E_DATA_PARENT` (default: the system's temporary folder).
 */
export async function startApp(): Promise<RunningApp> {
  const reuseUrl = process.env.E2E_BASE_URL;
  const reuseLogins = process.env.E2E_LOGINS;
  if (reuseUrl && reuseLogins) {
    return { baseURL: reuseUrl, logins: parseLogins(readFileSync(reuseLogins, 'utf8')), stop: () => Promise.resolve() };
  }
  const parent = process.env.E2E_DATA_PARENT ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  const dataDir = mkdtempSync(join(parent, 'evmtrail-e2e-'));
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGLITE_DATA_DIR: join(dataDir, 'pglite'),
    PORT: String(port),
    START_SKIP_BUILD: '1',
  };
  delete env.DATABASE_URL;
  const child = spawn('node', [join(REPO_DIR, 'scripts', 'start.mjs')], {
    cwd: REPO_DIR,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const state: { exitInfo: string | null } = { exitInfo: null };
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  child.on('exit', (code, sig) => (state.exitInfo = sig ?? `code ${code}`));
  const stop = async () => {
    await stopGroup(child, () => state.exitInfo !== null);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!output.includes(API_READY)) {
    if (state.exitInfo !== null || Date.now() > deadline) {
      const why = state.exitInfo !== null ? `exited (${state.exitInfo})` : `was not ready after ${START_TIMEOUT_MS} ms`;
      await stop();
      throw new Error(`The app ${why}:\n${output.slice(-3000)}`);
    }
    await sleep(200);
  }
  return { baseURL: `http://127.0.0.1:${port}`, logins: parseLogins(output), stop };
}
