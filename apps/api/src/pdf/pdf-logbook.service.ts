import { err, ok, parseEntry, type Result } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';
import { signCheckpoint } from '../modules/custody/log.service.ts';
import { formatIstTimestamp } from '../modules/custody/time.ts';
import * as strongrooms from '../modules/strongrooms/strongroom.repository.ts';
import { formatCount, formatIstTime, labels, type PdfLanguage } from './labels.ts';
import { localName, permit, placeLine, placeNamer, type PdfDraft, type PdfError, type Request } from './pdf.service.ts';
import * as repo from './pdf.repository.ts';
import { qrModules } from './qr.ts';
import type { PdfDocumentModel } from './render.ts';
import { entryName } from './vocabulary.ts';

/** Entries a printed logbook holds, newest first (the page shows as many). */
export const LOGBOOK_PDF_ENTRIES = 500;

type Target = { readonly districtId: number; readonly locationId: number };

async function judgedLocation(db: Kysely<DB>, target: Target, actor: Request['actor']): Promise<Result<repo.PdfLocation, PdfError>> {
  const location = await repo.findLocationForPdf(db, target.districtId, target.locationId);
  if (!location) {
    const message = `Location ${target.locationId} of district ${target.districtId} not found`;
    return err({ type: 'not_found', message, params: { locationId: target.locationId, districtId: target.districtId } });
  }
  const allowed = permit(actor, 'location.read', location, { locationCode: location.code, locationName: location.name });
  return allowed.ok ? ok(location) : allowed;
}

/** A strongroom's state for the logbook's head: open or sealed, its key-holders, the last seals. */
async function strongroomLines(db: Kysely<DB>, location: repo.PdfLocation, language: PdfLanguage): Promise<string[]> {
  if (location.kind !== 'strongroom') return [];
  const l = labels(language);
  const [holders, open, last, sessions] = await Promise.all([
    strongrooms.findKeyHolders(db, location.districtId, location.id),
    strongrooms.findOpenSession(db, location.districtId, location.id),
    strongrooms.lastClosedSession(db, location.districtId, location.id),
    strongrooms.listSessions(db, location.districtId, location.id, 1000),
  ]);
  return [
    `${l.strongroomStatus(open !== undefined)} · ${l.sessions(formatCount(sessions.length))}`,
    `${l.keyHolders}: ${holders ? holders.map((h) => `${h.displayName} (${h.username})`).join(', ') : '—'}`,
    `${l.lastSeals}: ${last?.sealsApplied?.join(', ') ?? '—'}`,
  ];
}

/** A location's logbook: the custody-log entries in or out of it (strongroom sessions included), newest first. */
export async function locationLogbookPdf(db: Kysely<DB>, target: Target, request: Request): Promise<Result<PdfDraft, PdfError>> {
  const { actor, language, now } = request;
  const found = await judgedLocation(db, target, actor);
  if (!found.ok) return found;
  const location = found.value;
  const checkpoint = await signCheckpoint(db, { districtId: location.districtId, now });
  const stored = (await strongrooms.entriesTouching(db, location.districtId, location.code, LOGBOOK_PDF_ENTRIES)).filter((e) => e.idx < checkpoint.size);
  const entries = stored.flatMap((row) => {
    const parsed = parseEntry(row.entry);
    return parsed.ok ? [{ idx: row.idx, entry: parsed.value }] : [];
  });
  const l = labels(language);
  const place = await placeNamer(db, location.districtId, entries.map((e) => e.entry), language);
  const rows = entries.map(({ idx, entry: e }) => {
    const details = [
      e.units.length > 0 ? `${formatCount(e.units.length)}: ${e.units.slice(0, 6).join(', ')}${e.units.length > 6 ? ' …' : ''}` : '',
      e.seals.length > 0 ? `${l.sealsWord}: ${e.seals.join(', ')}` : '',
      e.witnesses.length > 0 ? `${l.witnessesWord}: ${e.witnesses.join('; ')}` : '',
      e.reason ?? '',
    ].filter((d) => d !== '');
    const where = e.from === e.to ? place(e.from) : `${place(e.from)} › ${place(e.to)}`;
    return [String(idx), formatIstTime(e.ts), entryName(language, e), e.actor, where, details.join(' · ')];
  });
  const name = localName(language, location.name, location.nameHi);
  const model: PdfDocumentModel = {
    language,
    title: l.logbookTitle(name, location.code),
    meta: [
      `${l.location}: ${l.locationKinds[location.kind] ?? location.kind} · ${placeLine(language, location)}`,
      ...(await strongroomLines(db, location, language)),
      `${l.printed}: ${formatIstTime(formatIstTimestamp(now))} IST · ${actor.username}`,
    ],
    columns: l.logbookColumns.map((header, i) => ({ header, width: [0.8, 1.5, 1.8, 1.6, 2.2, 4][i] ?? 1 })),
    rows,
    emptyText: l.logbookEmpty,
    checkpoint,
    createdAt: now,
  };
  return ok({ filename: `logbook-${location.code}-${language}.pdf`, model, subject: { locationCode: location.code, locationName: name } });
}

/** QR labels for a location and every place inside it: each code holds the place's code. */
export async function locationLabelsPdf(db: Kysely<DB>, target: Target, request: Request): Promise<Result<PdfDraft, PdfError>> {
  const { actor, language, now } = request;
  const found = await judgedLocation(db, target, actor);
  if (!found.ok) return found;
  const location = found.value;
  const checkpoint = await signCheckpoint(db, { districtId: location.districtId, now });
  const l = labels(language);
  const places = await repo.findLocationTree(db, location.districtId, location.id);
  const name = localName(language, location.name, location.nameHi);
  const model: PdfDocumentModel = {
    language,
    title: l.labelsTitle(name, location.code),
    meta: [l.labelsMeta(formatCount(places.length)), `${l.printed}: ${formatIstTime(formatIstTimestamp(now))} IST · ${actor.username}`],
    columns: [],
    rows: [],
    emptyText: l.labelsEmpty,
    checkpoint,
    createdAt: now,
    labels: places.map((p) => ({
      code: p.code,
      name: localName(language, p.name, p.nameHi),
      caption: [l.locationKinds[p.kind] ?? p.kind, p.acNumber !== null ? `${l.ac} ${p.acNumber}` : ''].filter(Boolean).join(' · '),
      qr: qrModules(p.code),
    })),
  };
  return ok({ filename: `labels-${location.code}-${language}.pdf`, model, subject: { locationCode: location.code, locationName: name } });
}
