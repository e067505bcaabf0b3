import { Readable } from 'node:stream';

import { UnitListFilterSchema, type UnitListFilter } from '@evmtrail/shared';
import type { FastifyPluginAsync } from 'fastify';

import type { Db } from '../../db/handle.ts';
import { refuse, sessionActor } from '../../http/session-routes.ts';
import { resolveDistrict } from '../authority/authority.service.ts';
import { allUnits, type UnitListItem } from './unit-read.service.ts';

export interface UnitExportOptions {
  readonly db: Db;
  readonly now: () => Date;
}

const HEADER = ['serial', 'kind', 'maker', 'model', 'year', 'state', 'location', 'ac'] as const;
const NUMERIC = ['districtId', 'locationId', 'acId'] as const;

/** One CSV field: quoted when it must be, and never read as a formula by a spreadsheet. */
export function field(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: ReadonlyArray<string | number>): string {
  return `${values.map(field).join(',')}\r\n`;
}

function row(u: UnitListItem): string {
  const ac = u.acNumber === null ? '' : `${u.acNumber} ${u.acName ?? ''}`.trim();
  return csvLine([u.serial, u.kind, u.maker, u.model, u.year, u.state, u.locationName, ac]);
}

/** The query string as the list's filter: ids arrive as text. */
function parseQuery(query: Record<string, string | undefined>) {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    raw[key] = (NUMERIC as readonly string[]).includes(key) && /^\d+$/.test(value) ? Number(value) : value;
  }
  return UnitListFilterSchema.safeParse(raw);
}

/**
 * GET /export/units.csv?districtId=&kind=&state=&locationId=&acId=&serialPrefix=&sort=&dir=
 * The filtered unit list as CSV, streamed a page at a time; the same permission as `unit.list`.
 */
export const unitExportRoutes: FastifyPluginAsync<UnitExportOptions> = (app, options) => {
  app.get<{ Querystring: Record<string, string | undefined> }>('/export/units.csv', async (req, reply) => {
    const actor = await sessionActor(options.db, req, options.now());
    if (!actor) return refuse(req, reply, { type: 'unauthenticated', message: 'Sign in first' });
    const parsed = parseQuery(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      return refuse(req, reply, { type: 'invalid_input', message: `${path}: ${issue?.message ?? 'invalid'}`, params: { field: path } });
    }
    const filter: UnitListFilter = parsed.data;
    const place = await resolveDistrict(options.db, actor, 'unit.read', filter);
    if (!place.ok) return refuse(req, reply, place.error);
    const at = place.value;
    async function* lines() {
      yield csvLine(HEADER);
      for await (const unit of allUnits(options.db, at, filter)) yield row(unit);
    }
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="units-${at.districtName.replace(/[^A-Za-z0-9-]/g, '_')}.csv"`);
    return reply.send(Readable.from(lines()));
  });
  return Promise.resolve();
};
