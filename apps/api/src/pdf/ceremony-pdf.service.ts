import { ok, type Result } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';
import { ceremonyList, ceremonyListFilename, type CeremonyList, type CeremonyListRow } from '../modules/ceremonies/ceremony-lists.service.ts';
import { signCheckpoint } from '../modules/custody/log.service.ts';
import { formatIstTimestamp } from '../modules/custody/time.ts';
import type { Failure } from '../failure.ts';
import { formatCount, formatIstTime, type PdfLanguage } from './labels.ts';
import type { PdfCheckpoint, PdfDocumentModel } from './render.ts';
import type { PdfActor, PdfDraft } from './pdf.service.ts';

/*
 * The lists for parties as PDF (issue 8 item 4): the AC-wise list of a first randomisation and
 * the PS-wise list of a second, in English, Hindi and Marathi. The rows are the CSV list's rows
 * (ceremony-lists.service.ts), grouped by target; the seed and sha256(allocation.csv) head the page.
 */

interface ListLabels {
  readonly acTitle: (code: string) => string;
  readonly psTitle: (code: string, ac: string) => string;
  readonly intro: string;
  readonly ceremony: string;
  readonly seed: string;
  readonly finalised: string;
  readonly counts: (units: string, targets: string) => string;
  readonly columns: readonly [string, string, string, string];
  readonly reserve: string;
  readonly training: string;
  readonly empty: string;
  readonly printed: string;
  readonly replaced: (kind: string, target: string, old: string, serial: string) => string;
}

const LABELS: Readonly<Record<PdfLanguage, ListLabels>> = {
  en: {
    acTitle: (code) => `AC-wise list of the first randomisation ${code}`,
    psTitle: (code, ac) => `PS-wise list of the second randomisation ${code}: AC ${ac}`,
    intro: 'For the recognised political parties. Each line is a line of the published allocation.csv; the ticket is the first 18 digits of the unit\'s EVMRAND/1 ticket, which anyone can recompute from the seed with any SHA-256 tool.',
    ceremony: 'Ceremony', seed: 'Seed', finalised: 'Finalised (IST)',
    counts: (units, targets) => `${units} units to ${targets} targets`,
    columns: ['Allocated to', 'Kind', 'Serial', 'Ticket (first 18 digits)'],
    reserve: 'Reserve', training: 'Training', empty: 'The allocation is empty.', printed: 'Printed',
    replaced: (kind, target, old, serial) => `Replaced from reserve (logged): ${kind} ${old} of ${target} by ${serial}`,
  },
  hi: {
    acTitle: (code) => `प्रथम यादृच्छिकीकरण ${code} की विधानसभा-क्षेत्रवार सूची`,
    psTitle: (code, ac) => `द्वितीय यादृच्छिकीकरण ${code} की मतदान-केंद्रवार सूची: विधानसभा क्षेत्र ${ac}`,
    intro: 'मान्यता प्राप्त राजनीतिक दलों के लिए। हर पंक्ति प्रकाशित allocation.csv की एक पंक्ति है; टिकट इकाई के EVMRAND/1 टिकट के पहले 18 अंक हैं, जिन्हें कोई भी बीज से किसी भी SHA-256 उपकरण द्वारा दोबारा गिन सकता है।',
    ceremony: 'समारोह', seed: 'बीज', finalised: 'अंतिम रूप (IST)',
    counts: (units, targets) => `${units} इकाइयाँ, ${targets} गंतव्य`,
    columns: ['आवंटित', 'प्रकार', 'क्रमांक', 'टिकट (पहले 18 अंक)'],
    reserve: 'आरक्षित', training: 'प्रशिक्षण', empty: 'आवंटन खाली है।', printed: 'मुद्रित',
    replaced: (kind, target, old, serial) => `आरक्षित से प्रतिस्थापित (लॉग में दर्ज): ${target} की ${kind} ${old} के स्थान पर ${serial}`,
  },
  mr: {
    acTitle: (code) => `पहिल्या सरमिसळ ${code} ची विधानसभा मतदारसंघनिहाय यादी`,
    psTitle: (code, ac) => `दुसऱ्या सरमिसळ ${code} ची मतदान केंद्रनिहाय यादी: विधानसभा मतदारसंघ ${ac}`,
    intro: 'मान्यताप्राप्त राजकीय पक्षांसाठी. प्रत्येक ओळ प्रकाशित allocation.csv ची एक ओळ आहे; तिकीट म्हणजे यंत्राच्या EVMRAND/1 तिकिटाचे पहिले 18 अंक, जे कोणीही बीजावरून कोणत्याही SHA-256 साधनाने पुन्हा मोजू शकतो.',
    ceremony: 'समारंभ', seed: 'बीज', finalised: 'अंतिम (IST)',
    counts: (units, targets) => `${units} यंत्रे, ${targets} ठिकाणे`,
    columns: ['वाटप', 'प्रकार', 'अनुक्रमांक', 'तिकीट (पहिले 18 अंक)'],
    reserve: 'राखीव', training: 'प्रशिक्षण', empty: 'वाटप रिकामे आहे.', printed: 'मुद्रित',
    replaced: (kind, target, old, serial) => `राखीवमधून बदली (नोंदीत): ${target} चे ${kind} ${old} ऐवजी ${serial}`,
  },
};

const KIND_ORDER: Readonly<Record<string, number>> = { BU: 0, CU: 1, VVPAT: 2 };

/** The rows grouped by target: the targets in the order allocation.csv first names them, training and the reserve last. */
function grouped(rows: readonly CeremonyListRow[]): CeremonyListRow[] {
  const firstSeen = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!firstSeen.has(r.target)) firstSeen.set(r.target, i);
  });
  const rank = (r: CeremonyListRow) => (r.reserve ? 2 : r.target === 'TRAINING' ? 1 : 0);
  return rows.map((r, i) => ({ r, i })).sort((a, b) =>
    rank(a.r) - rank(b.r) || (firstSeen.get(a.r.target) ?? 0) - (firstSeen.get(b.r.target) ?? 0)
    || (KIND_ORDER[a.r.kind] ?? 0) - (KIND_ORDER[b.r.kind] ?? 0) || a.i - b.i,
  ).map(({ r }) => r);
}

export interface CeremonyListReport {
  readonly language: PdfLanguage;
  readonly list: CeremonyList;
  readonly printedBy: string;
  readonly checkpoint: PdfCheckpoint;
  readonly now: Date;
}

/** The page of a list (pure: golden-testable). */
export function ceremonyListModel(r: CeremonyListReport): PdfDocumentModel {
  const l = LABELS[r.language];
  const { list } = r;
  const ac = list.ac ? `${list.ac.number} ${r.language !== 'en' && list.ac.nameHi ? list.ac.nameHi : list.ac.name}` : '';
  const targetLabel = (row: CeremonyListRow) => {
    if (row.reserve) return `${l.reserve} (${row.target})`;
    if (row.target === 'TRAINING') return l.training;
    const place = r.language !== 'en' ? row.placeHi : row.place;
    return place ? `${row.target} · ${place}` : row.target;
  };
  const targets = new Set(list.rows.map((x) => x.target)).size;
  const at = (iso: string) => formatIstTime(formatIstTimestamp(new Date(iso)));
  return {
    language: r.language, checkpoint: r.checkpoint, createdAt: r.now, emptyText: l.empty,
    title: list.stage === 'second' ? l.psTitle(list.code, ac) : l.acTitle(list.code),
    meta: [
      l.intro,
      `${l.ceremony}: ${list.code} · ${r.language !== 'en' && list.districtNameHi ? list.districtNameHi : list.districtName} · ${l.counts(formatCount(list.rows.length), formatCount(targets))}${list.finalisedAt ? ` · ${l.finalised}: ${at(list.finalisedAt)}` : ''}`,
      `${l.seed}: ${list.seed}`,
      `sha256(allocation.csv): ${list.allocationHash}`,
      ...list.replacements.map((x) => l.replaced(x.kind, x.target, x.oldSerial, x.newSerial)),
      `${l.printed}: ${at(r.now.toISOString())} IST · ${r.printedBy}`,
    ],
    columns: l.columns.map((header, i) => ({ header, width: [3.2, 1, 1.6, 2.4][i] ?? 1 })),
    rows: grouped(list.rows).map((row) => [targetLabel(row), row.kind, row.serial, row.ticket18]),
  };
}

/** A finalised ceremony's list as a PDF draft, for anyone who may read its units. */
export async function ceremonyListPdf(
  db: Kysely<DB>,
  target: { districtId: number; ceremonyId: number },
  request: { actor: PdfActor; language: PdfLanguage; now: Date },
): Promise<Result<PdfDraft, Failure>> {
  const list = await ceremonyList(db, target.districtId, target.ceremonyId, request.actor);
  if (!list.ok) return list;
  const checkpoint = await signCheckpoint(db, { districtId: target.districtId, now: request.now });
  const model = ceremonyListModel({ language: request.language, list: list.value, printedBy: request.actor.username, checkpoint, now: request.now });
  return ok({ filename: ceremonyListFilename(list.value, 'pdf', request.language), model, subject: { code: list.value.code } });
}
