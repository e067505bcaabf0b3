import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { Context } from './context.ts';
import type { DB } from './db/database.ts';
import { createSignInLimiter, userForSession } from './modules/auth/auth.service.ts';
import { pdfRoutes } from './pdf/pdf.routes.ts';
import { appRouter, type AppRouter } from './router.ts';

export const SESSION_COOKIE = 'evmtrail_session';

export interface AppOptions {
  readonly db: Kysely<DB>;
  readonly sessionTtlHours: number;
  readonly cookieSecure: boolean;
  /** Built web app to serve at /, if present. */
  readonly webDistDir?: string;
  readonly now?: () => Date;
  readonly logger?: boolean;
}

function contextFactory(options: AppOptions) {
  const limiter = createSignInLimiter();
  const now = options.now ?? (() => new Date());
  return async ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Promise<Context> => {
    const sessionToken = req.cookies[SESSION_COOKIE];
    const user = await userForSession(options.db, sessionToken, now());
    return {
      db: options.db,
      now,
      limiter,
      sessionTtlHours: options.sessionTtlHours,
      address: req.ip,
      sessionToken,
      user,
      setSessionCookie(token, expiresAt) {
        void res.setCookie(SESSION_COOKIE, token, {
          httpOnly: true, sameSite: 'strict', secure: options.cookieSecure, path: '/', expires: expiresAt,
        });
      },
      clearSessionCookie() {
        void res.clearCookie(SESSION_COOKIE, { path: '/' });
      },
    };
  };
}

/** Fastify with tRPC at /trpc and, when built, the web app at /. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, routerOptions: { maxParamLength: 5000 }, bodyLimit: 5 * 1024 * 1024 });
  await app.register(fastifyCookie);
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: contextFactory(options),
      onError({ path, error }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ path, err: error }, 'tRPC internal error');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
  app.get('/healthz', () => ({ ok: true }));
  await app.register(pdfRoutes, { db: options.db, now: options.now ?? (() => new Date()), sessionCookie: SESSION_COOKIE });
  const dist = options.webDistDir ? resolve(options.webDistDir) : undefined;
  if (dist && existsSync(resolve(dist, 'index.html'))) {
    await app.register(fastifyStatic, { root: dist, wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/trpc')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: `No route ${req.method} ${req.url}` });
    });
  }
  return app;
}
