import type { AcSetsView, SetView } from '@evmtrail/shared';
import { describe, expect, test } from 'vitest';

import type { PdfLanguage } from '../src/pdf/labels.ts';
import { renderPdf } from '../src/pdf/render.ts';
import { setsReportModel, type SetsDocument } from '../src/pdf/sets-pdf.service.ts';
import { pdfText } from './pdf/poppler.ts';

/* The distribution centre's papers, printed in en/hi/mr: the PS-wise set list and a route's dispatch manifest. */

const CHECKPOINT = { origin: 'evmtrail.test/MH-PUNE', size: 987, rootHex: '5a3e'.repeat(16) };
const NOW = new Date('2029-04-18T05:30:00Z');
const set = (n: number, status: SetView['status'], issued: boolean): SetView => ({
  id: n, code: `SET-210-00${n}`, station: { id: 100 + n, number: n, name: `Kothrud School ${n}` }, version: 1, status,
  members: [{ serial: `CUK000000${n}`, kind: 'CU', state: 'commissioned' }, { serial: `BUK000000${n}`, kind: 'BU', state: 'commissioned' }, { serial: `VVK000000${n}`, kind: 'VVPAT', state: 'commissioned' }],
  replacements: [], sampled: false, commissioning: null,
  issue: issued ? { routeCode: 'RT-210-1', vehicleId: 'MH12-AB-1001', partyId: 'PP-001', at: '2029-04-18T04:00:00.000Z' } : null,
});
const VIEW: AcSetsView = {
  ac: { id: 1, number: 210, name: 'Kothrud' }, candidates: 17, busPerStation: 2, maxBuPerCu: 24, ceremony: { id: 4, code: 'R2-AC-210-4' },
  busAssignedPerStation: 2, extraBusNeeded: 0, stations: 2, sets: [set(1, 'issued', true), set(2, 'commissioned', false)], reserves: [], sample: null,
  routes: [{ id: 7, code: 'RT-210-1', name: 'Kothrud west', vehicleId: 'MH12-AB-1001', stops: [
    { stationNumber: 1, stationName: 'Kothrud School 1', partyId: 'PP-001', setCode: 'SET-210-001', issued: true },
    { stationNumber: 2, stationName: 'Kothrud School 2', partyId: 'PP-002', setCode: 'SET-210-002', issued: false },
  ] }],
  sectors: [],
};

async function text(language: PdfLanguage, document: SetsDocument): Promise<string> {
  return pdfText(await renderPdf(setsReportModel({ language, document, view: VIEW, printedBy: 'ro.kothrud', checkpoint: CHECKPOINT, now: NOW })));
}

describe('set papers', () => {
  test.each([
    ['en', 'PS-wise set list: AC 210 Kothrud', 'Issued', 'Second randomisation'],
    ['hi', 'केंद्रवार सेट सूची', 'जारी', 'दूसरा यादृच्छिकीकरण'],
    ['mr', 'केंद्रनिहाय संच यादी', 'कार्यान्वित', 'दुसरी सरमिसळ'],
  ] as const)('the PS-wise set list in %s names every set with its units', async (language, title, status, ceremony) => {
    const page = await text(language, { kind: 'set-list', acId: 1 });
    expect(page).toContain(title);
    for (const s of ['SET-210-001', 'CUK0000001', 'BUK0000002', 'VVK0000002', 'R2-AC-210-4']) expect(page).toContain(s);
    expect(page).toContain(status);
    expect(page).toContain(ceremony);
    expect(page).toContain(CHECKPOINT.rootHex);
  });

  test.each([
    ['en', 'Dispatch manifest RT-210-1', 'Polling party'],
    ['hi', 'प्रेषण सूची RT-210-1', 'मतदान दल'],
    ['mr', 'रवानगी यादी RT-210-1', 'मतदान पथक'],
  ] as const)('the dispatch manifest in %s lists each stop, its party and its set', async (language, title, party) => {
    const page = await text(language, { kind: 'manifest', routeId: 7 });
    expect(page).toContain(title);
    expect(page).toContain(party);
    for (const s of ['MH12-AB-1001', 'PP-001', 'PP-002', 'SET-210-002', 'VVK0000001']) expect(page).toContain(s);
  });
});
