import fastifyCookie from '@fastify/cookie';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { Context } from './context.ts';
import type { DB } from './db/database.ts';
import { MAX_BODY_BYTES, registerRequestGuards } from './http/request-guards.ts';
import { registerCompression, registerSecurityHeaders, registerWebApp } from './http/serving.ts';
import { createSignInLimiter, userForSession } from './modules/auth/auth.service.ts';
import { stocktakeExportRoutes } from './modules/stocktakes/stocktake-export.route.ts';
import { unitExportRoutes } from './modules/units/unit-export.route.ts';
import { logRoutes } from './modules/custody/log.routes.ts';
import { pdfRoutes } from './pdf/pdf.routes.ts';
import { appRouter, type AppRouter } from './router.ts';

import { SESSION_COOKIE } from './http/session-routes.ts';

export { SESSION_COOKIE };

export interface AppOptions {
  readonly db: Kysely<DB>;
  readonly sessionTtlHours: number;
  readonly cookieSecure: boolean;
  /** Built web app to serve at /, if present. */
  readonly webDistDir?: string;
  /** The map's tile URL template (TILE_URL / VITE_TILE_URL); its origin is allowed for images by the CSP. */
  readonly tileUrl?: string;
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

/**
 * Fastify with tRPC at /trpc and, when built, the web app at /: compressed, with security
 * headers on every answer, and requests bounded before tRPC sees them (http/request-guards.ts).
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, routerOptions: { maxParamLength: 5000 }, bodyLimit: MAX_BODY_BYTES });
  await registerCompression(app);
  registerSecurityHeaders(app, options.tileUrl);
  registerRequestGuards(app);
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
  await app.register(unitExportRoutes, { db: options.db, now: options.now ?? (() => new Date()) });
  await app.register(stocktakeExportRoutes, { db: options.db, now: options.now ?? (() => new Date()) });
  await app.register(logRoutes, { db: options.db, ...(options.now ? { now: options.now } : {}) });
  await app.register(pdfRoutes, { db: options.db, now: options.now ?? (() => new Date()) });
  await registerWebApp(app, options.webDistDir);
  return app;
}
