import { err, ok, reachesDistrict, type FlcCampaignSummary, type FlcProgress, type FlcResultView, type Result } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';
import { signCheckpoint } from '../modules/custody/log.service.ts';
import { formatIstTimestamp } from '../modules/custody/time.ts';
import { listResults, progress } from '../modules/flc/flc.repository.ts';
import { listFlcCampaigns } from '../modules/flc/flc.service.ts';
import { formatCount, formatIstTime, type PdfLanguage } from './labels.ts';
import * as repo from './pdf.repository.ts';
import type { PdfCheckpoint, PdfDocumentModel } from './render.ts';
import type { PdfActor, PdfDraft, PdfError } from './pdf.service.ts';

/** The FLC documents: the register (the office's and the parties' copy) and the supervisor's certificate. */
export type FlcDocument = 'register' | 'party-register' | 'certificate';
export const FLC_DOCUMENTS: readonly FlcDocument[] = ['register', 'party-register', 'certificate'];

interface FlcLabels {
  readonly registerTitle: (code: string, hall: string) => string;
  readonly partyCopy: string;
  readonly certificateTitle: (code: string, hall: string) => string;
  readonly certificate: (c: { supervisor: string; election: string; from: string; to: string; checked: string; passed: string; failed: string }) => string;
  readonly parties: string;
  readonly notice: string;
  readonly supervisor: string;
  readonly schedule: string;
  readonly columns: readonly [string, string, string, string, string];
  readonly kindColumns: readonly [string, string, string];
  readonly pass: string;
  readonly fail: string;
  readonly empty: string;
  readonly printed: string;
  readonly signature: string;
}

const LABELS: Readonly<Record<PdfLanguage, FlcLabels>> = {
  en: {
    registerTitle: (code, hall) => `FLC register ${code}: ${hall}`,
    partyCopy: 'Copy for the recognised political parties',
    certificateTitle: (code, hall) => `FLC certificate ${code}: ${hall}`,
    certificate: (c) => `I, ${c.supervisor}, FLC supervisor, certify that First Level Checking for ${c.election} was carried out from ${c.from} to ${c.to} in the presence of the representatives of the recognised political parties: ${c.checked} units checked, ${c.passed} found OK and sealed with the pink paper seal, ${c.failed} rejected.`,
    parties: 'Parties notified', notice: 'Notice dated', supervisor: 'FLC supervisor', schedule: 'Schedule',
    columns: ['Serial', 'Kind', 'Result', 'Pink seal / fault', 'Engineer, time (IST)'],
    kindColumns: ['Kind', 'Found OK', 'Rejected'],
    pass: 'OK', fail: 'Rejected', empty: 'No unit has been checked yet.', printed: 'Printed', signature: 'Signature of the FLC supervisor',
  },
  hi: {
    registerTitle: (code, hall) => `एफ़एलसी रजिस्टर ${code}: ${hall}`,
    partyCopy: 'मान्यता प्राप्त राजनीतिक दलों की प्रति',
    certificateTitle: (code, hall) => `एफ़एलसी प्रमाण-पत्र ${code}: ${hall}`,
    certificate: (c) => `मैं, ${c.supervisor}, एफ़एलसी पर्यवेक्षक, प्रमाणित करता/करती हूँ कि ${c.election} के लिए प्रथम स्तरीय जाँच ${c.from} से ${c.to} तक मान्यता प्राप्त राजनीतिक दलों के प्रतिनिधियों की उपस्थिति में की गई: ${c.checked} इकाइयाँ जाँची गईं, ${c.passed} ठीक पाई गईं और गुलाबी काग़ज़ी सील से सील की गईं, ${c.failed} अस्वीकृत।`,
    parties: 'सूचित दल', notice: 'सूचना की तिथि', supervisor: 'एफ़एलसी पर्यवेक्षक', schedule: 'समय-सारणी',
    columns: ['क्रमांक', 'प्रकार', 'परिणाम', 'गुलाबी सील / दोष', 'इंजीनियर, समय (IST)'],
    kindColumns: ['प्रकार', 'ठीक', 'अस्वीकृत'],
    pass: 'ठीक', fail: 'अस्वीकृत', empty: 'अभी कोई इकाई जाँची नहीं गई।', printed: 'मुद्रित', signature: 'एफ़एलसी पर्यवेक्षक के हस्ताक्षर',
  },
  mr: {
    registerTitle: (code, hall) => `एफएलसी नोंदवही ${code}: ${hall}`,
    partyCopy: 'मान्यताप्राप्त राजकीय पक्षांसाठी प्रत',
    certificateTitle: (code, hall) => `एफएलसी प्रमाणपत्र ${code}: ${hall}`,
    certificate: (c) => `मी, ${c.supervisor}, एफएलसी पर्यवेक्षक, प्रमाणित करतो/करते की ${c.election} साठी प्रथम स्तरीय तपासणी ${c.from} ते ${c.to} या काळात मान्यताप्राप्त राजकीय पक्षांच्या प्रतिनिधींच्या उपस्थितीत झाली: ${c.checked} यंत्रे तपासली, ${c.passed} योग्य आढळली व गुलाबी कागदी सीलने सीलबंद केली, ${c.failed} नाकारली.`,
    parties: 'सूचित पक्ष', notice: 'सूचनेची तारीख', supervisor: 'एफएलसी पर्यवेक्षक', schedule: 'वेळापत्रक',
    columns: ['अनुक्रमांक', 'प्रकार', 'निकाल', 'गुलाबी सील / दोष', 'अभियंता, वेळ (IST)'],
    kindColumns: ['प्रकार', 'योग्य', 'नाकारलेली'],
    pass: 'योग्य', fail: 'नाकारलेली', empty: 'अद्याप एकही यंत्र तपासले नाही.', printed: 'मुद्रित', signature: 'एफएलसी पर्यवेक्षकाची स्वाक्षरी',
  },
};

export interface FlcReport {
  readonly language: PdfLanguage;
  readonly document: FlcDocument;
  readonly campaign: FlcCampaignSummary;
  readonly hall: string;
  readonly results: readonly FlcResultView[];
  readonly progress: FlcProgress;
  readonly printedBy: string;
  readonly checkpoint: PdfCheckpoint;
  readonly now: Date;
}

const istLine = (iso: string) => formatIstTime(formatIstTimestamp(new Date(iso)));

/** The page of an FLC document (pure: golden-testable). */
export function flcReportModel(r: FlcReport): PdfDocumentModel {
  const l = LABELS[r.language];
  const c = r.campaign;
  const printed = `${l.printed}: ${formatIstTime(formatIstTimestamp(r.now))} IST · ${r.printedBy}`;
  const facts = [`${l.schedule}: ${c.startsOn} – ${c.endsOn}`, `${l.supervisor}: ${c.supervisorName}`, `${l.notice}: ${c.noticeDate} · ${l.parties}: ${c.parties.join(', ')}`];
  const base = { language: r.language, checkpoint: r.checkpoint, createdAt: r.now, emptyText: l.empty };
  if (r.document === 'certificate') {
    const p = r.progress;
    const kinds = [...new Set(p.perDay.map((d) => d.kind))].sort();
    return {
      ...base,
      title: l.certificateTitle(c.code, r.hall),
      meta: [
        l.certificate({ supervisor: c.supervisorName, election: c.electionName, from: c.startsOn, to: c.endsOn, checked: formatCount(p.passed + p.failed), passed: formatCount(p.passed), failed: formatCount(p.failed) }),
        ...facts, `${l.signature}: ______________________`, printed,
      ],
      columns: l.kindColumns.map((header) => ({ header, width: 1 })),
      rows: kinds.map((kind) => {
        const of = p.perDay.filter((d) => d.kind === kind);
        return [kind, formatCount(of.reduce((n, d) => n + d.passed, 0)), formatCount(of.reduce((n, d) => n + d.failed, 0))];
      }),
    };
  }
  return {
    ...base,
    title: l.registerTitle(c.code, r.hall),
    meta: [...(r.document === 'party-register' ? [l.partyCopy] : []), ...facts, printed],
    columns: l.columns.map((header, i) => ({ header, width: [2, 1, 1.2, 2.6, 3][i] ?? 1 })),
    rows: r.results.map((x) => [
      x.serial, x.kind, x.result === 'pass' ? l.pass : l.fail,
      x.result === 'pass' ? x.pinkSeal ?? '' : `${x.faultCode ?? ''}${x.note ? ` — ${x.note}` : ''}`,
      `${x.recordedBy} · ${istLine(x.recordedAt)}`,
    ]),
  };
}

/** An FLC document of a campaign, for anyone who may read the district's units. */
export async function flcPdf(
  db: Kysely<DB>,
  target: { districtId: number; campaignId: number; document: FlcDocument },
  request: { actor: PdfActor; language: PdfLanguage; now: Date },
): Promise<Result<PdfDraft, PdfError>> {
  const { actor, language, now } = request;
  const notFound = (): Result<PdfDraft, PdfError> => err({ type: 'not_found', message: `FLC campaign ${target.campaignId} not found in this district`, params: { campaignId: target.campaignId } });
  const campaign = (await listFlcCampaigns(db, target.districtId)).campaigns.find((c) => c.id === target.campaignId);
  const hall = campaign ? await repo.findLocationForPdf(db, target.districtId, campaign.hall.id) : undefined;
  if (!campaign || !hall) return notFound();
  if (!reachesDistrict(actor.jurisdiction, { stateId: hall.stateId, districtId: hall.districtId })) return notFound();
  const checkpoint = await signCheckpoint(db, { districtId: hall.districtId, now });
  const model = flcReportModel({
    language, document: target.document, campaign, hall: language !== 'en' && hall.nameHi ? hall.nameHi : hall.name,
    results: await listResults(db, { districtId: target.districtId, campaignId: target.campaignId }),
    progress: await progress(db, target.districtId, target.campaignId), printedBy: actor.username, checkpoint, now,
  });
  return ok({ filename: `${campaign.code}-${target.document}-${language}.pdf`, model, subject: { locationCode: hall.code, locationName: hall.name } });
}
