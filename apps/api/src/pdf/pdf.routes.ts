import type { WireErrorParams } from '@evmtrail/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';
import { refuse as refuseHttp, sessionActor, type Refusal } from '../http/session-routes.ts';
import { PDF_LANGUAGES, type PdfLanguage } from './labels.ts';
import { refusalPage } from './refusal-page.ts';
import { stocktakePdf } from './stocktake-pdf.service.ts';
import { FLC_DOCUMENTS, flcPdf } from './flc-pdf.service.ts';
import { ceremonyListPdf } from './ceremony-pdf.service.ts';
import { setsPdf } from './sets-pdf.service.ts';
import { unitSheetPdf } from './pollday-pdf.service.ts';
import { locationLabelsPdf, locationLogbookPdf } from './pdf-logbook.service.ts';
import { locationStockPdf, unitHistoryPdf, type PdfActor, type PdfDraft, type PdfError } from './pdf.service.ts';
import { pdfRenderPool } from './render-pool.ts';

/*
 * PDF downloads over plain HTTP (a link the browser opens), signed in by the session cookie:
 *   GET /pdf/units/<serial>.pdf?lang=en|hi|mr                 a unit's custody history
 *   GET /pdf/locations/<districtId>/<locationId>.pdf?lang=…   a location's stock list
 *   GET /pdf/stocktakes/<districtId>/<stocktakeId>.pdf?lang=…  a stocktake's report
 *   GET /pdf/flc/<districtId>/<campaignId>-<register|party-register|certificate>.pdf?lang=…  FLC documents
 *   GET /pdf/ceremonies/<districtId>/<ceremonyId>-list.pdf?lang=…  a finalised ceremony's list for parties (AC- or PS-wise)
 *   GET /pdf/sets/<districtId>/<acId>-sets.pdf | route-<routeId>.pdf?lang=…  PS-wise set list, dispatch manifest
 *   GET /pdf/pollday/<districtId>/<stationId>-17c.pdf?lang=…  a station's Form 17C Part I-style unit sheet
 *   GET /pdf/logbooks/<districtId>/<locationId>.pdf?lang=…    a location's logbook (strongroom sessions too)
 *   GET /pdf/labels/<districtId>/<locationId>.pdf?lang=…      QR labels of a location and the places in it
 * Refusals answer JSON { error: { message, domainError } } with the wire contract of shared, or,
 * when the request accepts text/html (a person clicked the link), a short page in the asked language.
 * Documents render on the render worker (render-pool.ts); a full queue answers 429 export_limited.
 */

export interface PdfRoutesOptions {
  readonly db: Kysely<DB>;
  readonly now: () => Date;
}

/** A refusal as JSON, or as a short page in the asked language when a person opened the link. */
function refuse(req: FastifyRequest, reply: FastifyReply, refusal: Refusal): FastifyReply {
  return refuseHttp(req, reply, refusal, (domainError) => refusalPage(language(req.query) ?? 'en', domainError));
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
    const actor = await sessionActor(db, req, now());
    if (!actor) {
      refuse(req, reply, { type: 'unauthenticated', message: 'Sign in to download this PDF', params: subject });
      return undefined;
    }
    const lang = language(req.query);
    if (!lang) {
      const message = `lang must be one of ${PDF_LANGUAGES.join(', ')}`;
      refuse(req, reply, { type: 'invalid_input', message, params: { ...subject, field: 'lang' } });
      return undefined;
    }
    return { actor, language: lang };
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

  app.get<{ Params: { districtId: string; file: string } }>('/pdf/stocktakes/:districtId/:file', async (req, reply) => {
    const districtId = positiveInt(req.params.districtId);
    const stocktakeId = positiveInt(pdfName(req.params.file));
    if (districtId === undefined || stocktakeId === undefined) {
      const message = `No PDF at /pdf/stocktakes/${req.params.districtId}/${req.params.file}: expected <districtId>/<stocktakeId>.pdf`;
      return refuse(req, reply, { type: 'not_found', message, params: {} });
    }
    const who = await begin(req, reply, { districtId, stocktakeId });
    if (!who) return reply;
    const result = await stocktakePdf(db, { districtId, stocktakeId }, { ...who, now: now() });
    return result.ok ? send(req, reply, who.actor.username, result.value) : refuse(req, reply, result.error);
  });

  app.get<{ Params: { districtId: string; file: string } }>('/pdf/flc/:districtId/:file', async (req, reply) => {
    const districtId = positiveInt(req.params.districtId);
    const match = /^(\d+)-([a-z-]+)\.pdf$/.exec(req.params.file);
    const campaignId = match ? positiveInt(match[1] ?? '') : undefined;
    const document = FLC_DOCUMENTS.find((d) => d === match?.[2]);
    if (districtId === undefined || campaignId === undefined || document === undefined) {
      const message = `No PDF at /pdf/flc/${req.params.districtId}/${req.params.file}: expected <districtId>/<campaignId>-<${FLC_DOCUMENTS.join('|')}>.pdf`;
      return refuse(req, reply, { type: 'not_found', message, params: {} });
    }
    const who = await begin(req, reply, { districtId, campaignId });
    if (!who) return reply;
    const result = await flcPdf(db, { districtId, campaignId, document }, { ...who, now: now() });
    return result.ok ? send(req, reply, who.actor.username, result.value) : refuse(req, reply, result.error);
  });

  app.get<{ Params: { districtId: string; file: string } }>('/pdf/ceremonies/:districtId/:file', async (req, reply) => {
    const districtId = positiveInt(req.params.districtId);
    const match = /^(\d+)-list\.pdf$/.exec(req.params.file);
    const ceremonyId = match ? positiveInt(match[1] ?? '') : undefined;
    if (districtId === undefined || ceremonyId === undefined) {
      const message = `No PDF at /pdf/ceremonies/${req.params.districtId}/${req.params.file}: expected <districtId>/<ceremonyId>-list.pdf`;
      return refuse(req, reply, { type: 'not_found', message, params: {} });
    }
    const who = await begin(req, reply, { districtId, ceremonyId });
    if (!who) return reply;
    const result = await ceremonyListPdf(db, { districtId, ceremonyId }, { ...who, now: now() });
    return result.ok ? send(req, reply, who.actor.username, result.value) : refuse(req, reply, result.error);
  });

  app.get<{ Params: { districtId: string; file: string } }>('/pdf/sets/:districtId/:file', async (req, reply) => {
    const districtId = positiveInt(req.params.districtId);
    const list = /^(\d+)-sets\.pdf$/.exec(req.params.file);
    const manifest = /^route-(\d+)\.pdf$/.exec(req.params.file);
    const acId = list ? positiveInt(list[1] ?? '') : undefined;
    const routeId = manifest ? positiveInt(manifest[1] ?? '') : undefined;
    if (districtId === undefined || (acId === undefined && routeId === undefined)) {
      const message = `No PDF at /pdf/sets/${req.params.districtId}/${req.params.file}: expected <districtId>/<acId>-sets.pdf or <districtId>/route-<routeId>.pdf`;
      return refuse(req, reply, { type: 'not_found', message, params: {} });
    }
    const who = await begin(req, reply, { districtId, ...(acId !== undefined ? { acId } : { routeId: routeId ?? 0 }) });
    if (!who) return reply;
    const document = acId !== undefined ? { kind: 'set-list' as const, acId } : { kind: 'manifest' as const, routeId: routeId ?? 0 };
    const result = await setsPdf(db, { districtId, document }, { ...who, now: now() });
    return result.ok ? send(req, reply, who.actor.username, result.value) : refuse(req, reply, result.error);
  });

  app.get<{ Params: { districtId: string; file: string } }>('/pdf/pollday/:districtId/:file', async (req, reply) => {
    const districtId = positiveInt(req.params.districtId);
    const match = /^(\d+)-17c\.pdf$/.exec(req.params.file);
    const stationId = match ? positiveInt(match[1] ?? '') : undefined;
    if (districtId === undefined || stationId === undefined) {
      const message = `No PDF at /pdf/pollday/${req.params.districtId}/${req.params.file}: expected <districtId>/<stationId>-17c.pdf`;
      return refuse(req, reply, { type: 'not_found', message, params: {} });
    }
    const who = await begin(req, reply, { districtId, stationId });
    if (!who) return reply;
    const result = await unitSheetPdf(db, { districtId, stationId }, { ...who, now: now() });
    return result.ok ? send(req, reply, who.actor.username, result.value) : refuse(req, reply, result.error);
  });

  return Promise.resolve();
}
