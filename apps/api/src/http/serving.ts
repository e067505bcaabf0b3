import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { constants as zlib } from 'node:zlib';

import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The origin a tile URL template loads from, for the CSP: `https://{s}.tile.example.org/{z}/{x}/{y}.png`
 * gives `https://*.tile.example.org`. Null when there is none or it is not an http(s) URL.
 */
export function tileOrigin(template: string | undefined): string | null {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(template ?? '');
  if (!match?.[1] || !match[2]) return null;
  const host = match[2].replace(/\{[a-z]+\}/gi, '*');
  return /^[\w.*:-]+$/.test(host) ? `${match[1].toLowerCase()}://${host.toLowerCase()}` : null;
}

/** Only the app itself, plus the tile server's origin for map images. */
export function contentSecurityPolicy(tileUrl?: string): string {
  const tiles = tileOrigin(tileUrl);
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Leaflet positions tiles and markers with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Compression (brotli, gzip) for every answer over 1 kB, at a level cheap enough for dynamic JSON. */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
    zlibOptions: { level: 6 },
  });
}

/** Security headers on every answer: the api, the app and its routes. */
export function registerSecurityHeaders(app: FastifyInstance, tileUrl?: string): void {
  const csp = contentSecurityPolicy(tileUrl);
  app.addHook('onSend', async (_req, reply, payload) => {
    void reply
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY')
      .header('cross-origin-opener-policy', 'same-origin');
    return payload;
  });
}

/** A client-side route: a GET or HEAD for a path with no file extension, from something that wants HTML. */
function isAppRoute(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?', 1)[0] ?? '';
  if (path.startsWith('/trpc')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.') && (req.headers.accept ?? '').includes('text/html');
}

function notFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).header('cache-control', 'no-cache').send({ error: `No route ${req.method} ${req.url.split('?', 1)[0] ?? ''}` });
}

/**
 * The built web app at /: hashed /assets/* cached for a year, index.html revalidated every
 * time; an extension-less GET that accepts HTML is an app route and gets index.html; anything
 * else that is not here (a missing /assets/x.js) is a 404.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string | undefined): Promise<void> {
  const dist = distDir ? resolve(distDir) : undefined;
  if (!dist || !existsSync(resolve(dist, 'index.html'))) {
    app.setNotFoundHandler(notFound);
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    cacheControl: false,
    setHeaders(reply, path) {
      const assets = resolve(dist, 'assets');
      void reply.header('cache-control', path.startsWith(`${assets}/`) ? IMMUTABLE : 'no-cache');
    },
  });
  app.setNotFoundHandler((req, reply) => {
    if (!isAppRoute(req)) return notFound(req, reply);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
