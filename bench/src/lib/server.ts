/**
 * Starts the api the way `pnpm start` does (`pnpm --filter @evmtrail/api start`, i.e. tsx
 * src/server.ts), waits for its ready line and /healthz, reads its memory from /proc, and
 * stops it with SIGTERM to its process group (the server then closes PGlite cleanly).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

import { mib, procMemory, processTree, signalGroup, treeMemory, type ProcMemory } from './proc.ts';
import { REPO_ROOT } from './paths.ts';

export const READY_TEXT = 'EVM Trail api ready';
const READY_LINE = new RegExp(`${READY_TEXT} at (\\S+)`);

export interface StartOptions {
  /** PGlite data directory; ignored when databaseUrl is given. */
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly timeoutMs: number;
  /** Registers the stop at spawn time, so a bench that times out while waiting still kills it. */
  readonly onCleanup: (fn: () => Promise<void>) => void;
}

export interface StartTimings {
  /** Spawn to the ready line on stdout. */
  readonly readyLineMs: number;
  /** Spawn to the first 200 from GET /healthz (after the ready line). */
  readonly healthzMs: number;
}

export interface ServerMemory {
  /** The node process that runs src/server.ts (tsx runs it in a child node). */
  readonly server: ProcMemory | undefined;
  /** Every process of the tree: pnpm, tsx's launcher node and the server node. */
  readonly tree: readonly ProcMemory[];
}

export class ApiServer {
  private exited = false;
  private readonly exitPromise: Promise<number | null>;

  private constructor(private readonly child: ChildProcess, readonly url: string, readonly timings: StartTimings) {
    this.exitPromise = new Promise((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
    });
    void this.exitPromise.then(() => {
      this.exited = true;
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('api server has no pid');
    return this.child.pid;
  }

  static async start(options: StartOptions): Promise<ApiServer> {
    const env: NodeJS.ProcessEnv = { ...process.env, API_PORT: '0', API_HOST: '127.0.0.1' };
    delete env.DATABASE_URL;
    delete env.PGLITE_DATA_DIR;
    if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
    else if (options.dataDir) env.PGLITE_DATA_DIR = options.dataDir;
    const started = performance.now();
    // detached: the server gets its own process group, so one signal reaches pnpm, tsx and node.
    const child = spawn('pnpm', ['--filter', '@evmtrail/api', 'start'], {
      cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const handle: { server?: ApiServer } = {};
    options.onCleanup(async () => {
      if (handle.server) await handle.server.stop();
      else signalGroup(child, 'SIGKILL');
    });
    const stderrTail: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 40) stderrTail.shift();
    });
    const lines = createInterface({ input: child.stdout });
    let readyLineMs = 0;
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`api server not ready after ${Math.round(options.timeoutMs / 1000)} s`)), options.timeoutMs);
      lines.on('line', (line) => {
        const match = READY_LINE.exec(line);
        if (match?.[1] && readyLineMs === 0) {
          readyLineMs = performance.now() - started;
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`api server exited (${signal ?? `code ${String(code)}`}) before it was ready:\n${stderrTail.join('\n')}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    }).catch((error: unknown) => {
      signalGroup(child, 'SIGKILL');
      throw error;
    });
    await waitForHealthz(url, Math.max(1000, options.timeoutMs - readyLineMs)).catch((error: unknown) => {
      signalGroup(child, 'SIGKILL');
      throw error;
    });
    const healthzMs = performance.now() - started;
    const ready = new ApiServer(child, url, { readyLineMs, healthzMs });
    handle.server = ready;
    return ready;
  }

  /** Peak and current RSS of the server node and of the whole process tree. */
  memory(): ServerMemory {
    const tree = treeMemory(this.pid);
    const server = tree.find((p) => p.cmdline.includes('server.ts') && p.cmdline.includes('loader.mjs'))
      ?? [...tree].sort((a, b) => b.peakRssBytes - a.peakRssBytes)[0];
    return { server, tree };
  }

  /** SIGTERM to the group, SIGKILL after `graceMs`. Returns the ms it took to exit. */
  async stop(graceMs = 20_000): Promise<{ ms: number; clean: boolean }> {
    const started = performance.now();
    if (this.exited) return { ms: 0, clean: true };
    // Remember the tree first: tsx's node child may outlive the group leader for a moment.
    const tree = processTree(this.pid);
    signalGroup(this.child, 'SIGTERM');
    const clean = await Promise.race([
      this.exitPromise.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs)),
    ]);
    if (!clean) signalGroup(this.child, 'SIGKILL');
    await waitForGone(tree, clean ? graceMs : 5000);
    return { ms: performance.now() - started, clean };
  }
}

/** Waits until none of `pids` is alive (the server node closes PGlite after pnpm exits). */
async function waitForGone(pids: readonly number[], timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (pids.every((pid) => procMemory(pid) === undefined)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForHealthz(url: string, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < until) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`GET ${url}/healthz did not answer 200 within ${Math.round(timeoutMs / 1000)} s (${last})`);
}

export function describeMemory(memory: ServerMemory): Record<string, unknown> {
  return {
    serverPid: memory.server?.pid,
    serverPeakRssMiB: memory.server ? mib(memory.server.peakRssBytes) : null,
    serverRssMiB: memory.server ? mib(memory.server.rssBytes) : null,
    treePeakRssMiB: mib(memory.tree.reduce((sum, p) => sum + p.peakRssBytes, 0)),
    tree: memory.tree.map((p) => ({ pid: p.pid, peakRssMiB: mib(p.peakRssBytes), cmd: p.cmdline.replace(/\s+/g, ' ').slice(0, 120) })),
  };
}
