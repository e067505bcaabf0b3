import type { FastifyPluginAsync } from 'fastify';

import type { Db } from '../../db/handle.ts';
import { refuse, sessionActor } from '../../http/session-routes.ts';
import { resolveDistrict } from '../authority/authority.service.ts';
import { csvLine } from '../units/unit-export.route.ts';
import { allLines, stocktakeSummary } from './stocktake.repository.ts';
import { stocktakeNotFound } from './stocktake.service.ts';

export interface StocktakeExportOptions {
  readonly db: Db;
  readonly now: () => Date;
}

const HEADER = ['serial', 'expected', 'outcome', 'recorded_location', 'scanned_at', 'scanned_by'] as const;

/**
 * GET /export/stocktake.csv?districtId=&stocktakeId=
 * Every line of a stocktake (missing, unexpected, elsewhere, then found); the same permission as
 * `stocktake.byId`. An open stocktake's unfound lines read `not_found_yet`.
 */
export const stocktakeExportRoutes: FastifyPluginAsync<StocktakeExportOptions> = (app, options) => {
  app.get<{ Querystring: Record<string, string | undefined> }>('/export/stocktake.csv', async (req, reply) => {
    const actor = await sessionActor(options.db, req, options.now());
    if (!actor) return refuse(req, reply, { type: 'unauthenticated', message: 'Sign in first' });
    const districtId = Number(req.query.districtId);
    const stocktakeId = Number(req.query.stocktakeId);
    if (!Number.isSafeInteger(districtId) || districtId <= 0 || !Number.isSafeInteger(stocktakeId) || stocktakeId <= 0) {
      return refuse(req, reply, { type: 'invalid_input', message: 'districtId and stocktakeId must be positive whole numbers', params: { field: 'stocktakeId' } });
    }
    const place = await resolveDistrict(options.db, actor, 'unit.read', { districtId });
    if (!place.ok) return refuse(req, reply, place.error);
    const summary = await stocktakeSummary(options.db, districtId, stocktakeId);
    if (!summary) return refuse(req, reply, stocktakeNotFound(stocktakeId));
    const lines = await allLines(options.db, districtId, stocktakeId);
    const body = [csvLine(HEADER), ...lines.map((l) => csvLine([
      l.serial, l.expected ? 'yes' : 'no', l.outcome ?? 'not_found_yet', l.recordedLocation ?? '', l.scannedAt ?? '', l.scannedBy ?? '',
    ]))].join('');
    const name = summary.location.name.replace(/[^A-Za-z0-9-]/g, '_');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="stocktake-${stocktakeId}-${name}.csv"`)
      .send(body);
  });
  return Promise.resolve();
};
