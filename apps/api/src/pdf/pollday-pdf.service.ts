import { err, ok, reachesDistrict, type Result, type StationPollView } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';
import { signCheckpoint } from '../modules/custody/log.service.ts';
import { formatIstTimestamp } from '../modules/custody/time.ts';
import { stationPollView } from '../modules/pollday/pollday.service.ts';
import { findAc, findStation } from '../modules/sets/sets.repository.ts';
import { formatCount, formatIstTime, type PdfLanguage } from './labels.ts';
import type { PdfCheckpoint, PdfDocumentModel } from './render.ts';
import type { PdfActor, PdfDraft, PdfError } from './pdf.service.ts';

/**
 * A polling station's Form 17C Part I-style unit sheet (issue 10 item 6): the CU, BU and VVPAT
 * serials in use at the close of poll, the seals, the votes recorded and the time, and every
 * replacement of the day with its reason, from the close-of-poll record (pollday.service.ts).
 */
interface UnitSheetLabels {
  readonly title: (ps: string) => string;
  readonly ac: string;
  readonly set: string;
  readonly columns: readonly [string, string];
  readonly cu: string;
  readonly bu: string;
  readonly vvpat: string;
  readonly seals: string;
  readonly votes: string;
  readonly closedAt: string;
  readonly replaced: (old: string, next: string) => string;
  readonly notClosed: string;
  readonly printed: string;
  readonly signatures: string;
}

const LABELS: Readonly<Record<PdfLanguage, UnitSheetLabels>> = {
  en: {
    title: (ps) => `Form 17C Part I (unit sheet): PS ${ps}`,
    ac: 'Assembly constituency', set: 'Set', columns: ['Item', 'Entry'],
    cu: 'Control Unit serial', bu: 'Ballot Unit serial(s)', vvpat: 'VVPAT serial', seals: 'Seal serials', votes: 'Total votes recorded in the CU', closedAt: 'Poll closed at (IST)',
    replaced: (old, next) => `Replaced: ${old} by ${next}`,
    notClosed: 'The poll at this station is not closed yet.', printed: 'Printed',
    signatures: 'Signature of the presiding officer ______________  polling agents ______________',
  },
  hi: {
    title: (ps) => `फ़ॉर्म 17C भाग I (यूनिट पत्रक): मतदान केंद्र ${ps}`,
    ac: 'विधानसभा क्षेत्र', set: 'सेट', columns: ['मद', 'प्रविष्टि'],
    cu: 'कंट्रोल यूनिट क्रमांक', bu: 'बैलेट यूनिट क्रमांक', vvpat: 'VVPAT क्रमांक', seals: 'सील क्रमांक', votes: 'CU में दर्ज कुल वोट', closedAt: 'मतदान बंद होने का समय (IST)',
    replaced: (old, next) => `प्रतिस्थापित: ${old} के स्थान पर ${next}`,
    notClosed: 'इस केंद्र पर मतदान अभी बंद नहीं हुआ है।', printed: 'मुद्रित',
    signatures: 'पीठासीन अधिकारी के हस्ताक्षर ______________  मतदान अभिकर्ता ______________',
  },
  mr: {
    title: (ps) => `फॉर्म 17C भाग I (युनिट पत्रक): मतदान केंद्र ${ps}`,
    ac: 'विधानसभा मतदारसंघ', set: 'संच', columns: ['बाब', 'नोंद'],
    cu: 'कंट्रोल युनिट क्रमांक', bu: 'बॅलेट युनिट क्रमांक', vvpat: 'VVPAT क्रमांक', seals: 'सील क्रमांक', votes: 'CU मध्ये नोंदलेली एकूण मते', closedAt: 'मतदान बंद झाल्याची वेळ (IST)',
    replaced: (old, next) => `बदली: ${old} ऐवजी ${next}`,
    notClosed: 'या केंद्रावरील मतदान अजून बंद झालेले नाही.', printed: 'मुद्रित',
    signatures: 'केंद्राध्यक्षांची स्वाक्षरी ______________  मतदान प्रतिनिधी ______________',
  },
};

const ist = (d: Date) => formatIstTime(formatIstTimestamp(d));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export interface UnitSheetReport {
  readonly language: PdfLanguage;
  readonly view: StationPollView;
  readonly printedBy: string;
  readonly checkpoint: PdfCheckpoint;
  readonly now: Date;
}

/** The unit sheet's page (pure: testable without a database). No rows before the poll is closed. */
export function unitSheetModel(r: UnitSheetReport): PdfDocumentModel {
  const l = LABELS[r.language];
  const v = r.view;
  const close = v.records.filter((x) => x.kind === 'poll_close').at(-1)?.record;
  const replacements = v.records.filter((x) => x.kind === 'replacement').flatMap((x) => {
    const pairs = Array.isArray(x.record.pairs) ? (x.record.pairs as { old?: unknown; new?: unknown; kind?: unknown }[]) : [];
    const reason = typeof x.record.reason === 'string' ? x.record.reason : '';
    return pairs.map((p) => [l.replaced(`${String(p.kind)} ${String(p.old)}`, String(p.new)), `${ist(new Date(x.at))} IST · ${reason}`]);
  });
  const rows: string[][] = close ? [
    [l.cu, strings(close.cu).join(', ')],
    [l.bu, strings(close.bus).join(', ')],
    [l.vvpat, strings(close.vvpat).join(', ')],
    [l.seals, strings(close.seals).join(', ')],
    [l.votes, typeof close.votesRecorded === 'number' ? formatCount(close.votesRecorded) : '—'],
    [l.closedAt, typeof close.closedAt === 'string' ? ist(new Date(close.closedAt)) : '—'],
    ...replacements,
  ] : [];
  return {
    language: r.language, checkpoint: r.checkpoint, createdAt: r.now, emptyText: l.notClosed,
    title: l.title(`${v.station.number} ${v.station.name}`),
    meta: [`${l.ac}: ${v.ac.number} ${v.ac.name}`, `${l.set}: ${v.setCode ?? '—'}${v.version === null ? '' : ` v${v.version}`}`, `${l.printed}: ${ist(r.now)} IST · ${r.printedBy}`, l.signatures],
    columns: l.columns.map((header, i) => ({ header, width: [2, 4][i] ?? 1 })),
    rows,
  };
}

/** The unit sheet of a station, for anyone who may read the district's units. */
export async function unitSheetPdf(
  db: Kysely<DB>,
  target: { districtId: number; stationId: number },
  request: { actor: PdfActor; language: PdfLanguage; now: Date },
): Promise<Result<PdfDraft, PdfError>> {
  const { actor, language, now } = request;
  const station = await findStation(db, target.districtId, target.stationId);
  const ac = station?.acId == null ? undefined : await findAc(db, target.districtId, station.acId);
  if (!station || !ac || !reachesDistrict(actor.jurisdiction, { stateId: ac.stateId, districtId: ac.districtId })) {
    return err({ type: 'not_found', message: `Polling station ${target.stationId} not found in this district`, params: {} });
  }
  const checkpoint = await signCheckpoint(db, { districtId: ac.districtId, now });
  const model = unitSheetModel({ language, view: await stationPollView(db, target.districtId, station.id), printedBy: actor.username, checkpoint, now });
  return ok({ filename: `${station.code}-form17c-${language}.pdf`, model, subject: { locationCode: station.code, locationName: `${station.number} ${station.name}` } });
}
