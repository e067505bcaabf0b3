import { err, ok, reachesDistrict, type Result, type StocktakeLineView, type StocktakeSummary } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';
import { signCheckpoint } from '../modules/custody/log.service.ts';
import { formatIstTimestamp } from '../modules/custody/time.ts';
import { allLines, stocktakeSummary } from '../modules/stocktakes/stocktake.repository.ts';
import { formatCount, formatIstTime, labels, type PdfLanguage } from './labels.ts';
import * as repo from './pdf.repository.ts';
import type { PdfCheckpoint, PdfDocumentModel } from './render.ts';
import type { PdfActor, PdfDraft, PdfError } from './pdf.service.ts';

/** What the stocktake report prints, apart from the checkpoint: the pure part, golden-tested. */
export interface StocktakeReport {
  readonly language: PdfLanguage;
  readonly summary: StocktakeSummary;
  readonly place: { readonly name: string; readonly code: string; readonly district: string };
  readonly lines: readonly StocktakeLineView[];
  readonly printedBy: string;
  readonly checkpoint: PdfCheckpoint;
  readonly now: Date;
}

const istLine = (iso: string) => formatIstTime(formatIstTimestamp(new Date(iso)));

/** The report's page: counts, then every line (missing, unexpected, elsewhere, found). */
export function stocktakeReportModel(r: StocktakeReport): PdfDocumentModel {
  const l = labels(r.language);
  const s = r.summary;
  const counts = l.stocktakeCounts({
    expected: formatCount(s.expected), found: formatCount(s.found), missing: formatCount(s.missing),
    unexpected: formatCount(s.unexpected), elsewhere: formatCount(s.elsewhere),
  });
  return {
    language: r.language,
    title: l.stocktakeTitle(s.id, r.place.name, r.place.code),
    meta: [
      `${l.district}: ${r.place.district}`,
      `${l.stocktakeStarted}: ${istLine(s.startedAt)} IST · ${s.startedBy}`,
      s.closedAt ? `${l.stocktakeClosed}: ${istLine(s.closedAt)} IST · ${s.closedBy ?? ''}` : l.stocktakeOpen,
      counts,
      `${l.printed}: ${formatIstTime(formatIstTimestamp(r.now))} IST · ${r.printedBy}`,
    ],
    columns: l.stocktakeColumns.map((header, i) => ({ header, width: [2, 2.6, 2.6, 2.8][i] ?? 1 })),
    rows: r.lines.map((line) => [
      line.serial,
      l.stocktakeOutcomes[line.outcome ?? 'pending'],
      line.recordedLocation ?? '—',
      line.scannedBy && line.scannedAt ? `${line.scannedBy} · ${istLine(line.scannedAt)}` : '—',
    ]),
    emptyText: l.stocktakeEmpty,
    checkpoint: r.checkpoint,
    createdAt: r.now,
  };
}

/** A stocktake's report, for anyone who may read the district's units. */
export async function stocktakePdf(
  db: Kysely<DB>,
  target: { districtId: number; stocktakeId: number },
  request: { actor: PdfActor; language: PdfLanguage; now: Date },
): Promise<Result<PdfDraft, PdfError>> {
  const { actor, language, now } = request;
  const summary = await stocktakeSummary(db, target.districtId, target.stocktakeId);
  const location = summary ? await repo.findLocationForPdf(db, target.districtId, summary.location.id) : undefined;
  if (!summary || !location) {
    const message = `Stocktake ${target.stocktakeId} not found in this district`;
    return err({ type: 'not_found', message, params: { stocktakeId: target.stocktakeId } });
  }
  // The district is judged (like stocktake.byId): another district's stocktake answers not found.
  if (!reachesDistrict(actor.jurisdiction, { stateId: location.stateId, districtId: location.districtId })) return err({ type: 'not_found', message: `Stocktake ${target.stocktakeId} not found in this district`, params: { stocktakeId: target.stocktakeId } });
  const checkpoint = await signCheckpoint(db, { districtId: location.districtId, now });
  const local = (en: string, hi: string | null) => (language !== 'en' && hi ? hi : en);
  const model = stocktakeReportModel({
    language, summary, lines: await allLines(db, target.districtId, target.stocktakeId), printedBy: actor.username, checkpoint, now,
    place: { name: local(location.name, location.nameHi), code: location.code, district: local(location.districtName, location.districtNameHi) },
  });
  return ok({ filename: `stocktake-${summary.id}-${location.code}-${language}.pdf`, model, subject: { locationCode: location.code, locationName: location.name } });
}
