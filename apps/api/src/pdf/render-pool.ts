import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { err, ok, type Result, type WireDomainError } from '@evmtrail/shared';

import type { PdfDocumentModel } from './render.ts';
import type { RenderJob, RenderReply } from './render.worker.ts';

/*
 * PDFs render off the main thread: one worker thread, reused, fed from a bounded queue. A
 * 5,000-row list takes seconds to lay out and shape; meanwhile the api keeps answering. A full
 * queue, or a user who already has MAX_PER_USER documents in it, is refused with
 * 'export_limited' (HTTP 429) instead of waiting without end.
 */

export interface RenderPoolLimits {
  /** Documents waiting behind the one being rendered. */
  readonly maxQueued: number;
  /** Documents one user may have rendering or waiting at once. */
  readonly maxPerUser: number;
}

export const RENDER_LIMITS: RenderPoolLimits = { maxQueued: 8, maxPerUser: 2 };
const RETRY_AFTER_SECONDS = 10;

interface Job {
  readonly id: number;
  readonly owner: string;
  readonly doc: PdfDocumentModel;
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

export interface RenderPoolStatus {
  readonly rendering: number;
  readonly queued: number;
}

const WORKER_ENTRY = new URL('./render.worker.ts', import.meta.url);

/** The import entry of tsx's ESM api, so a worker can load our TypeScript as the main thread does. */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const entry = exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

function startWorker(): Worker {
  const entry = JSON.stringify(WORKER_ENTRY.href);
  const code = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => tsx.tsImport(${entry}, ${entry}))`;
  const worker = new Worker(code, { eval: true, name: 'evmtrail-pdf' });
  worker.unref();
  return worker;
}

export class PdfRenderPool {
  private worker: Worker | undefined;
  private current: Job | undefined;
  private readonly waiting: Job[] = [];
  private nextId = 1;

  constructor(private readonly limits: RenderPoolLimits = RENDER_LIMITS) {}

  status(): RenderPoolStatus {
    return { rendering: this.current ? 1 : 0, queued: this.waiting.length };
  }

  /** Renders `doc` for `owner` (a username) on the worker, or refuses when the queue or the owner's share is full. */
  render(owner: string, doc: PdfDocumentModel): Promise<Result<Uint8Array, WireDomainError>> {
    const refusal = this.refusal(owner);
    if (refusal) return Promise.resolve(err(refusal));
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, owner, doc, resolve, reject });
      this.pump();
    }).then((bytes) => ok(bytes));
  }

  /** Stops the worker; documents not yet rendered fail. */
  async close(): Promise<void> {
    const pending = [...(this.current ? [this.current] : []), ...this.waiting.splice(0)];
    this.current = undefined;
    for (const job of pending) job.reject(new Error('PDF renderer closed'));
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private refusal(owner: string): WireDomainError | undefined {
    const jobs = [...(this.current ? [this.current] : []), ...this.waiting];
    const mine = jobs.filter((j) => j.owner === owner).length;
    const params = { retryAfterSeconds: RETRY_AFTER_SECONDS };
    if (mine >= this.limits.maxPerUser) {
      const message = `${owner} already has ${mine} PDFs being made; wait for them before asking for another`;
      return { type: 'export_limited', message, params: { ...params, limit: this.limits.maxPerUser, scope: 'user' } };
    }
    if (this.current && this.waiting.length >= this.limits.maxQueued) {
      const message = `The PDF queue is full (${this.waiting.length} waiting); try again in a few seconds`;
      return { type: 'export_limited', message, params: { ...params, limit: this.limits.maxQueued, scope: 'queue' } };
    }
    return undefined;
  }

  private pump(): void {
    if (this.current) return;
    const job = this.waiting.shift();
    if (!job) return;
    this.current = job;
    const worker = this.ensureWorker();
    worker.ref();
    worker.postMessage({ id: job.id, doc: job.doc } satisfies RenderJob);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.on('message', (reply: RenderReply) => this.finish(reply));
    worker.on('error', (error) => this.crash(worker, error));
    this.worker = worker;
    return worker;
  }

  private finish(reply: RenderReply): void {
    const job = this.current;
    if (!job || job.id !== reply.id) return;
    this.current = undefined;
    this.worker?.unref();
    if (reply.ok) job.resolve(reply.bytes);
    else job.reject(new Error(`PDF render failed: ${reply.message}`));
    this.pump();
  }

  /** A worker that dies takes its current document with it; the next document starts a new one. */
  private crash(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const job = this.current;
    this.current = undefined;
    job?.reject(error);
    this.pump();
  }
}

let shared: PdfRenderPool | undefined;

/** The process's one PDF render pool (its worker starts with the first document). */
export function pdfRenderPool(): PdfRenderPool {
  shared ??= new PdfRenderPool();
  return shared;
}
