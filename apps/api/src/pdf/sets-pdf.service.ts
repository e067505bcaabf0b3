import { err, ok, reachesDistrict, type AcSetsView, type Result } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../db/database.ts';
import { signCheckpoint } from '../modules/custody/log.service.ts';
import { formatIstTimestamp } from '../modules/custody/time.ts';
import { findAc, findRoute } from '../modules/sets/sets.repository.ts';
import { acSetsView } from '../modules/sets/sets.service.ts';
import { formatCount, formatIstTime, type PdfLanguage } from './labels.ts';
import type { PdfCheckpoint, PdfDocumentModel } from './render.ts';
import type { PdfActor, PdfDraft, PdfError } from './pdf.service.ts';

/** The distribution centre's papers (issue 10 item 6): the PS-wise set list of an AC and a vehicle route's dispatch manifest. */
export type SetsDocument = { kind: 'set-list'; acId: number } | { kind: 'manifest'; routeId: number };

interface SetsLabels {
  readonly listTitle: (ac: string) => string;
  readonly manifestTitle: (code: string, name: string) => string;
  readonly candidates: (n: string, bus: string) => string;
  readonly ceremony: string;
  readonly vehicle: string;
  readonly ac: string;
  readonly listColumns: readonly [string, string, string, string, string, string];
  readonly manifestColumns: readonly [string, string, string, string, string, string];
  readonly status: Readonly<Record<string, string>>;
  readonly notBuilt: string;
  readonly empty: string;
  readonly printed: string;
  readonly signatures: string;
}

const LABELS: Readonly<Record<PdfLanguage, SetsLabels>> = {
  en: {
    listTitle: (ac) => `PS-wise set list: AC ${ac}`,
    manifestTitle: (code, name) => `Dispatch manifest ${code}: ${name}`,
    candidates: (n, bus) => `Contesting candidates: ${n} (and NOTA); BUs per polling station: ${bus}`,
    ceremony: 'Second randomisation', vehicle: 'Vehicle', ac: 'Assembly constituency',
    listColumns: ['PS', 'Set', 'CU', 'BU', 'VVPAT', 'Status'],
    manifestColumns: ['Stop', 'Polling station', 'Polling party', 'Set', 'Units', 'Issued (IST)'],
    status: { built: 'Built', commissioned: 'Commissioned', issued: 'Issued' },
    notBuilt: 'not built', empty: 'No set yet.', printed: 'Printed',
    signatures: 'Signatures: issuing officer ______________  presiding officer ______________',
  },
  hi: {
    listTitle: (ac) => `केंद्रवार सेट सूची: विधानसभा क्षेत्र ${ac}`,
    manifestTitle: (code, name) => `प्रेषण सूची ${code}: ${name}`,
    candidates: (n, bus) => `चुनाव लड़ रहे उम्मीदवार: ${n} (और NOTA); प्रति मतदान केंद्र BU: ${bus}`,
    ceremony: 'दूसरा यादृच्छिकीकरण', vehicle: 'वाहन', ac: 'विधानसभा क्षेत्र',
    listColumns: ['केंद्र', 'सेट', 'CU', 'BU', 'VVPAT', 'स्थिति'],
    manifestColumns: ['पड़ाव', 'मतदान केंद्र', 'मतदान दल', 'सेट', 'इकाइयाँ', 'जारी (IST)'],
    status: { built: 'बना', commissioned: 'कमीशन हुआ', issued: 'जारी' },
    notBuilt: 'नहीं बना', empty: 'अभी कोई सेट नहीं।', printed: 'मुद्रित',
    signatures: 'हस्ताक्षर: जारी करने वाले अधिकारी ______________  पीठासीन अधिकारी ______________',
  },
  mr: {
    listTitle: (ac) => `केंद्रनिहाय संच यादी: विधानसभा मतदारसंघ ${ac}`,
    manifestTitle: (code, name) => `रवानगी यादी ${code}: ${name}`,
    candidates: (n, bus) => `निवडणूक लढवणारे उमेदवार: ${n} (आणि NOTA); प्रति मतदान केंद्र BU: ${bus}`,
    ceremony: 'दुसरी सरमिसळ', vehicle: 'वाहन', ac: 'विधानसभा मतदारसंघ',
    listColumns: ['केंद्र', 'संच', 'CU', 'BU', 'VVPAT', 'स्थिती'],
    manifestColumns: ['थांबा', 'मतदान केंद्र', 'मतदान पथक', 'संच', 'युनिट', 'दिले (IST)'],
    status: { built: 'बनला', commissioned: 'कार्यान्वित', issued: 'दिला' },
    notBuilt: 'बनला नाही', empty: 'अजून संच नाहीत.', printed: 'मुद्रित',
    signatures: 'स्वाक्षऱ्या: देणारा अधिकारी ______________  केंद्राध्यक्ष ______________',
  },
};

export interface SetsReport {
  readonly language: PdfLanguage;
  readonly document: SetsDocument;
  readonly view: AcSetsView;
  readonly printedBy: string;
  readonly checkpoint: PdfCheckpoint;
  readonly now: Date;
}

const ist = (d: Date) => formatIstTime(formatIstTimestamp(d));

/** The page of a set list or a manifest (pure: testable without a database). */
export function setsReportModel(r: SetsReport): PdfDocumentModel {
  const l = LABELS[r.language];
  const v = r.view;
  const acName = `${v.ac.number} ${v.ac.name}`;
  const printed = `${l.printed}: ${ist(r.now)} IST · ${r.printedBy}`;
  const base = { language: r.language, checkpoint: r.checkpoint, createdAt: r.now, emptyText: l.empty };
  const serials = (s: AcSetsView['sets'][number], kind: string) => s.members.filter((m) => m.kind === kind).map((m) => m.serial).join(', ');
  if (r.document.kind === 'set-list') {
    return {
      ...base,
      title: l.listTitle(acName),
      meta: [l.candidates(v.candidates === null ? '—' : formatCount(v.candidates), v.busPerStation === null ? '—' : formatCount(v.busPerStation)), `${l.ceremony}: ${v.ceremony?.code ?? '—'}`, printed],
      columns: l.listColumns.map((header, i) => ({ header, width: [2.4, 1.4, 1.3, 1.6, 1.3, 1.1][i] ?? 1 })),
      rows: v.sets.map((s) => [`${s.station.number} ${s.station.name}`, s.code, serials(s, 'CU'), serials(s, 'BU'), serials(s, 'VVPAT'), l.status[s.status] ?? s.status]),
    };
  }
  const routeId = r.document.routeId;
  const route = v.routes.find((x) => x.id === routeId);
  const byCode = new Map(v.sets.map((s) => [s.code, s]));
  return {
    ...base,
    title: l.manifestTitle(route?.code ?? '', route?.name ?? ''),
    meta: [`${l.vehicle}: ${route?.vehicleId ?? ''}`, `${l.ac}: ${acName}`, printed, l.signatures],
    columns: l.manifestColumns.map((header, i) => ({ header, width: [0.6, 2.2, 1.2, 1.3, 3.2, 1.3][i] ?? 1 })),
    rows: (route?.stops ?? []).map((stop, i) => {
      const set = stop.setCode ? byCode.get(stop.setCode) : undefined;
      return [
        String(i + 1), `${stop.stationNumber} ${stop.stationName}`, stop.partyId, stop.setCode ?? l.notBuilt,
        set ? set.members.map((m) => `${m.kind} ${m.serial}`).join(', ') : '', set?.issue ? ist(new Date(set.issue.at)) : '',
      ];
    }),
  };
}

/** A set list or a dispatch manifest, for anyone who may read the district's units. */
export async function setsPdf(
  db: Kysely<DB>,
  target: { districtId: number; document: SetsDocument },
  request: { actor: PdfActor; language: PdfLanguage; now: Date },
): Promise<Result<PdfDraft, PdfError>> {
  const { actor, language, now } = request;
  const d = target.document;
  const notFound = (): Result<PdfDraft, PdfError> => err({ type: 'not_found', message: d.kind === 'manifest' ? `Route ${d.routeId} not found in this district` : `AC ${d.acId} not found in this district`, params: {} });
  const route = d.kind === 'manifest' ? await findRoute(db, target.districtId, d.routeId) : undefined;
  const acId = d.kind === 'manifest' ? route?.acId : d.acId;
  const ac = acId === undefined ? undefined : await findAc(db, target.districtId, acId);
  if (!ac || !reachesDistrict(actor.jurisdiction, { stateId: ac.stateId, districtId: ac.districtId })) return notFound();
  const checkpoint = await signCheckpoint(db, { districtId: ac.districtId, now });
  const model = setsReportModel({ language, document: d, view: await acSetsView(db, target.districtId, ac.id), printedBy: actor.username, checkpoint, now });
  const name = d.kind === 'manifest' ? `${route?.code ?? 'route'}-manifest` : `AC-${ac.number}-sets`;
  return ok({ filename: `${name}-${language}.pdf`, model, subject: { locationCode: `AC-${ac.number}`, locationName: `${ac.number} ${ac.name}` } });
}
