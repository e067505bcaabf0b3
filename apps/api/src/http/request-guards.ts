import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { refusalReply, type InfrastructureError } from '../errors.ts';

/** Most calls one tRPC batch may carry (the web app's httpBatchLink sets the same `maxItems`). */
export const MAX_BATCH_SIZE = 10;
/** Largest request body, in bytes. The biggest real input (a transition with its evidence) is a few kB. */
export const MAX_BODY_BYTES = 256 * 1024;

function refuse(reply: FastifyReply, error: InfrastructureError): FastifyReply {
  const { status, body } = refusalReply(error);
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}

function batchSize(req: FastifyRequest): number {
  const [path = '', query = ''] = req.url.slice('/trpc/'.length).split('?', 2);
  return new URLSearchParams(query).get('batch') === '1' ? path.split(',').length : 1;
}

/**
 * A POST made by another site. Browsers say so in Sec-Fetch-Site; without it (older browsers),
 * an Origin that is not this host (or the host a reverse proxy forwarded) gives it away.
 */
function isCrossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    const from = new URL(origin);
    // Through the same URL parser, so a default port written out (":80") compares equal.
    const hosts = [req.headers.host, req.headers['x-forwarded-host']]
      .filter((h) => typeof h === 'string')
      .map((h) => new URL(`${from.protocol}//${h}`).host);
    return !hosts.includes(from.host);
  } catch {
    return true; // "null" and other opaque origins
  }
}

function refusal(req: FastifyRequest): InfrastructureError | null {
  const size = batchSize(req);
  if (size > MAX_BATCH_SIZE) {
    return { type: 'batch_too_large', params: { limit: MAX_BATCH_SIZE }, message: `A batch may carry at most ${MAX_BATCH_SIZE} calls; this one has ${size}` };
  }
  if (req.method !== 'POST') return null;
  if (isCrossSite(req)) {
    return { type: 'cross_site_request', params: {}, message: 'Requests from another site are refused' };
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return { type: 'unsupported_media_type', params: {}, message: `The api accepts only application/json, not ${type || 'a body without a type'}` };
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge();
  return null;
}

function tooLarge(): InfrastructureError {
  return { type: 'request_too_large', params: { limit: MAX_BODY_BYTES }, message: `A request body may be at most ${MAX_BODY_BYTES} bytes` };
}

/**
 * Refuses, before tRPC sees them: batches over MAX_BATCH_SIZE, POSTs that are not
 * application/json (tRPC would also take form data and octet streams), cross-site POSTs, and
 * bodies over MAX_BODY_BYTES. Each refusal is a tRPC-shaped error with a domainError.
 */
export function registerRequestGuards(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/trpc/')) return;
    const error = refusal(req);
    if (error) return refuse(reply, error);
  });
  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refuse(reply, tooLarge());
    if (error.statusCode !== undefined && error.statusCode < 500) return reply.code(error.statusCode).send({ error: error.message });
    req.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: 'Internal error' });
  });
}
