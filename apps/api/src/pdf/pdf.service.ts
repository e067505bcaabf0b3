import { can, err, ok, type Action, type Jurisdiction, type Result, type Role, type WireDomainError, type WireErrorParams } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';
import { getEntriesForUnit } from '../modules/custody/log.repository.ts';
import { signCheckpoint } from '../modules/custody/log.service.ts';
import { formatIstTimestamp } from '../modules/custody/time.ts';
import { formatCount, formatIstTime, labels, type PdfLanguage } from './labels.ts';
import * as repo from './pdf.repository.ts';
import type { PdfDocumentModel } from './render.ts';
import { eventName, kindName, stateName } from './vocabulary.ts';

/** Who asks for a PDF (the signed-in user). */
export interface PdfActor {
  readonly username: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

/** A document ready to render (on the render worker) and the name to download it as. */
export interface PdfDraft {
  readonly filename: string;
  readonly model: PdfDocumentModel;
  /** Names the document's subject in a refusal (serial, or location code and name). */
  readonly subject: WireErrorParams;
}

export type PdfError = WireDomainError & { readonly type: 'not_found' | 'forbidden' | 'outside_jurisdiction' };

export interface Request {
  readonly actor: PdfActor;
  readonly language: PdfLanguage;
  readonly now: Date;
}

export function localName(language: PdfLanguage, en: string, hi: string | null): string {
  return language !== 'en' && hi ? hi : en;
}

export function placeLine(language: PdfLanguage, place: repo.PlaceNames): string {
  const l = labels(language);
  const district = `${l.district}: ${localName(language, place.districtName, place.districtNameHi)}`;
  if (place.acNumber === null || place.acName === null) return district;
  return `${district} · ${l.ac}: ${place.acNumber} ${localName(language, place.acName, place.acNameHi)}`;
}

/** can() for the place; the refusal names the thing asked for and the place in words a person knows. */
export function permit(actor: PdfActor, action: Action, place: repo.PlaceNames, subject: Record<string, string>): Result<true, PdfError> {
  const verdict = can(actor, action, { stateId: place.stateId, districtId: place.districtId, acId: place.acId });
  if (verdict.ok) return ok(true);
  const where = place.acNumber !== null ? `AC ${place.acNumber} ${place.acName ?? ''} of ${place.districtName}` : place.districtName;
  const thing = subject.serial ? `unit ${subject.serial}` : `location ${subject.locationCode ?? ''}`;
  return err({
    type: verdict.error.type,
    message: `${actor.username} (${actor.role}) may not read ${thing} in ${where.trim()}`,
    params: {
      ...subject, role: actor.role, action, districtName: place.districtName,
      ...(place.acNumber !== null ? { acNumber: place.acNumber } : {}),
      ...(place.acName !== null ? { acName: place.acName } : {}),
    },
  });
}

interface LoggedEntry {
  readonly ts: string;
  readonly type: string;
  readonly event?: string;
  readonly actor: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Log entries name places by code; the PDF prints their names. One lookup per document; a code
 * in the unit's own district wins over the same code elsewhere; an unknown code stays a code.
 */
export async function placeNamer(db: Kysely<DB>, districtId: number, entries: readonly LoggedEntry[], language: PdfLanguage) {
  const codes = [...new Set(entries.flatMap((e) => [e.from, e.to]).filter((c): c is string => typeof c === 'string'))];
  const names = new Map<string, string>();
  for (const row of await repo.findLocationNames(db, codes)) {
    if (!names.has(row.code) || row.districtId === districtId) names.set(row.code, localName(language, row.name, row.nameHi));
  }
  return (code: string): string => names.get(code) ?? code;
}

/** A unit's custody history: every entry of its district's log that names it, up to the checkpoint. */
export async function unitHistoryPdf(db: Kysely<DB>, serial: string, request: Request): Promise<Result<PdfDraft, PdfError>> {
  const { actor, language, now } = request;
  const unit = await repo.findUnitForPdf(db, serial);
  if (!unit) return err({ type: 'not_found', message: `Unit ${serial} not found`, params: { serial } });
  const allowed = permit(actor, 'unit.read', unit, { serial });
  if (!allowed.ok) return allowed;
  const checkpoint = await signCheckpoint(db, { districtId: unit.districtId, now });
  const entries = (await getEntriesForUnit(db, serial)).filter((e) => e.districtId === unit.districtId && e.idx < checkpoint.size);
  const l = labels(language);
  const logged = entries.map((e) => ({ idx: e.idx, entry: JSON.parse(e.entry) as LoggedEntry }));
  const place = await placeNamer(db, unit.districtId, logged.map((e) => e.entry), language);
  const rows = logged.map(({ idx, entry }) => {
    const what = entry.event ? eventName(language, entry.event) : entry.type;
    return [String(idx), formatIstTime(entry.ts), what, entry.actor, `${place(entry.from)} › ${place(entry.to)}`];
  });
  const model: PdfDocumentModel = {
    language,
    title: l.unitTitle(serial),
    meta: [
      `${l.kind}: ${kindName(language, unit.kind)} · ${l.model}: ${unit.maker} ${unit.model} (${unit.year})`,
      `${l.state}: ${stateName(language, unit.state)}`,
      `${l.location}: ${localName(language, unit.locationName, unit.locationNameHi)} (${unit.locationCode})`,
      placeLine(language, unit),
      `${l.printed}: ${formatIstTime(formatIstTimestamp(now))} IST · ${actor.username}`,
    ],
    columns: l.unitColumns.map((header, i) => ({ header, width: [0.6, 1.7, 3, 1.7, 3][i] ?? 1 })),
    rows,
    emptyText: l.unitEmpty,
    checkpoint,
    createdAt: now,
  };
  return ok({ filename: `unit-${serial}-${language}.pdf`, model, subject: { serial } });
}

const KIND_ORDER = ['BU', 'CU', 'VVPAT'];

/** A location's stock list: the units there now, by kind, with serial, model and state. */
export async function locationStockPdf(
  db: Kysely<DB>,
  target: { districtId: number; locationId: number },
  request: Request,
): Promise<Result<PdfDraft, PdfError>> {
  const { actor, language, now } = request;
  const location = await repo.findLocationForPdf(db, target.districtId, target.locationId);
  if (!location) {
    const message = `Location ${target.locationId} of district ${target.districtId} not found`;
    return err({ type: 'not_found', message, params: { locationId: target.locationId, districtId: target.districtId } });
  }
  const allowed = permit(actor, 'location.read', location, { locationCode: location.code, locationName: location.name });
  if (!allowed.ok) return allowed;
  const checkpoint = await signCheckpoint(db, { districtId: location.districtId, now });
  const units = (await repo.listStock(db, location.districtId, location.id)).sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.serial.localeCompare(b.serial),
  );
  const l = labels(language);
  const counts = KIND_ORDER.map((kind) => `${kindName(language, kind)} ${formatCount(units.filter((u) => u.kind === kind).length)}`);
  const name = localName(language, location.name, location.nameHi);
  const model: PdfDocumentModel = {
    language,
    title: l.stockTitle(name, location.code),
    meta: [
      `${l.location}: ${l.locationKinds[location.kind] ?? location.kind} · ${placeLine(language, location)}`,
      `${l.stockTotal}: ${formatCount(units.length)} (${counts.join(' · ')})`,
      `${l.printed}: ${formatIstTime(formatIstTimestamp(now))} IST · ${actor.username}`,
    ],
    columns: l.stockColumns.map((header, i) => ({ header, width: [2, 2, 2.2, 3.8][i] ?? 1 })),
    rows: units.map((u) => [kindName(language, u.kind), u.serial, `${u.maker} ${u.model} ${u.year}`, stateName(language, u.state)]),
    emptyText: l.stockEmpty,
    checkpoint,
    createdAt: now,
  };
  return ok({ filename: `stock-${location.code}-${language}.pdf`, model, subject: { locationCode: location.code, locationName: name } });
}
