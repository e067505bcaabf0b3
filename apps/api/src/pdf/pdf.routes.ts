import type { DomainErrorType, Role, WireDomainError, WireErrorParams } from '@evmtrail/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';
import { toJurisdiction, userForSession } from '../modules/auth/auth.service.ts';
import { PDF_LANGUAGES, type PdfLanguage } from './labels.ts';
import { refusalPage } from './refusal-page.ts';
import { locationLabelsPdf, locationLogbookPdf } from './pdf-logbook.service.ts';
import { locationStockPdf, unitHistoryPdf, type PdfActor, type PdfDraft, type PdfError } from './pdf.service.ts';
import { pdfRenderPool } from './render-pool.ts';

/*
 * PDF downloads over plain HTTP (a link the browser opens), signed in by the session cookie:
 *   GET /pdf/units/<serial>.pdf?lang=en|hi|mr                 a unit's custody history
 *   GET /pdf/locations/<districtId>/<locationId>.pdf?lang=…   a location's stock list
 *   GET /pdf/logbooks/<districtId>/<locationId>.pdf?lang=…    a location's logbook (strongroom sessions too)
 *   GET /pdf/labels/<districtId>/<locationId>.pdf?lang=…      QR labels of a location and the places in it
 * Refusals answer JSON { error: { message, domainError } } with the wire contract of shared, or,
 * when the request accepts text/html (a person clicked the link), a short page in the asked language.
 * Documents render on the render worker (render-pool.ts); a full queue answers 429 export_limited.
 */

export interface PdfRoutesOptions {
  readonly db: Kysely<DB>;
  readonly now: () => Date;
  readonly sessionCookie: string;
}

const STATUS: Partial<Record<DomainErrorType, number>> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  outside_jurisdiction: 403,
  not_found: 404,
  export_limited: 429,
};

function refuse(req: FastifyRequest, reply: FastifyReply, domainError: WireDomainError): FastifyReply {
  const retry = domainError.params.retryAfterSeconds;
  if (retry !== undefined) void reply.header('retry-after', String(retry));
  void reply.code(STATUS[domainError.type] ?? 400);
  if (!(req.headers.accept ?? '').includes('text/html')) return reply.send({ error: { message: domainError.message, domainError } });
  return reply.header('content-type', 'text/html; charset=utf-8').send(refusalPage(language(req.query) ?? 'en', domainError));
}

function language(query: unknown): PdfLanguage | undefined {
  const lang = (query as { lang?: unknown } | undefined)?.lang ?? 'en';
  return PDF_LANGUAGES.find((l) => l === lang);
}

/** `<name>.pdf` → name, else undefined. */
function pdfName(file: string): string | undefined {
  return file.endsWith('.pdf') && file.length > 4 ? file.slice(0, -4) : undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  return value !== undefined && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
}

/** Renders the draft on the worker and sends it, or the refusal when the render queue is full. */
async function send(req: FastifyRequest, reply: FastifyReply, owner: string, draft: PdfDraft): Promise<FastifyReply> {
  const rendered = await pdfRenderPool().render(owner, draft.model);
  if (!rendered.ok) return refuse(req, reply, { ...rendered.error, params: { ...rendered.error.params, ...draft.subject } });
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${draft.filename}"`)
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(rendered.value.buffer, rendered.value.byteOffset, rendered.value.byteLength));
}

export function pdfRoutes(app: FastifyInstance, options: PdfRoutesOptions): Promise<void> {
  const { db, now } = options;

  /** The signed-in actor and the language, or the refusal already sent. */
  async function begin(req: FastifyRequest, reply: FastifyReply, subject: WireErrorParams): Promise<{ actor: PdfActor; language: PdfLanguage } | undefined> {
    const user = await userForSession(db, req.cookies[options.sessionCookie], now());
    if (!user) {
      refuse(req, reply, { type: 'unauthenticated', message: 'Sign in to download this PDF', params: subject });
      return undefined;
    }
    const lang = language(req.query);
    if (!lang) {
      const message = `lang must be one of ${PDF_LANGUAGES.join(', ')}`;
      refuse(req, reply, { type: 'invalid_input', message, params: { ...subject, field: 'lang' } });
      return undefined;
    }
    return { actor: { username: user.username, role: user.role as Role, jurisdiction: toJurisdiction(user) }, language: lang };
  }

  app.get<{ Params: { file: string } }>('/pdf/units/:file', async (req, reply) => {
    const serial = pdfName(req.params.file);
    if (serial === undefined) return refuse(req, reply, { type: 'not_found', message: `No PDF named ${req.params.file}`, params: {} });
    const who = await begin(req, reply, { serial });
    if (!who) return reply;
    const result = await unitHistoryPdf(db, serial, { ...who, now: now() });
    return result.ok ? send(req, reply, who.actor.username, result.value) : refuse(req, reply, result.error);
  });

  type LocationPdf = (db: Kysely<DB>, target: { districtId: number; locationId: number }, request: { actor: PdfActor; language: PdfLanguage; now: Date }) => Promise<{ ok: true; value: PdfDraft } | { ok: false; error: PdfError }>;

  /** GET /pdf/<folder>/<districtId>/<locationId>.pdf: a document about one location. */
  function locationRoute(folder: string, make: LocationPdf): void {
    app.get<{ Params: { districtId: string; file: string } }>(`/pdf/${folder}/:districtId/:file`, async (req, reply) => {
      const districtId = positiveInt(req.params.districtId);
      const locationId = positiveInt(pdfName(req.params.file));
      if (districtId === undefined || locationId === undefined) {
        const message = `No PDF at /pdf/${folder}/${req.params.districtId}/${req.params.file}: expected <districtId>/<locationId>.pdf`;
        return refuse(req, reply, { type: 'not_found', message, params: {} });
      }
      const who = await begin(req, reply, { districtId, locationId });
      if (!who) return reply;
      const result = await make(db, { districtId, locationId }, { ...who, now: now() });
      return result.ok ? send(req, reply, who.actor.username, result.value) : refuse(req, reply, result.error);
    });
  }

  locationRoute('locations', locationStockPdf);
  locationRoute('logbooks', locationLogbookPdf);
  locationRoute('labels', locationLabelsPdf);

  return Promise.resolve();
}
