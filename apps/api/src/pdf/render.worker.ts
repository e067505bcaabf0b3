import { parentPort } from 'node:worker_threads';

import { renderPdf, type PdfDocumentModel } from './render.ts';

/*
 * The PDF render thread: takes one document model at a time from the pool (render-pool.ts),
 * lays it out, shapes and writes it, and hands the bytes back (transferred, not copied).
 */

export interface RenderJob {
  readonly id: number;
  readonly doc: PdfDocumentModel;
}

export type RenderReply =
  | { readonly id: number; readonly ok: true; readonly bytes: Uint8Array }
  | { readonly id: number; readonly ok: false; readonly message: string };

const port = parentPort;
if (!port) throw new Error('render.worker.ts runs only as a worker thread');

port.on('message', (job: RenderJob) => {
  renderPdf(job.doc).then(
    (bytes) => port.postMessage({ id: job.id, ok: true, bytes } satisfies RenderReply, [bytes.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ id: job.id, ok: false, message: String(error instanceof Error ? error.stack : error) } satisfies RenderReply),
  );
});
