import type { StationPollView } from '@evmtrail/shared';
import { describe, expect, test } from 'vitest';

import type { PdfLanguage } from '../src/pdf/labels.ts';
import { unitSheetModel } from '../src/pdf/pollday-pdf.service.ts';
import { renderPdf } from '../src/pdf/render.ts';
import { pdfText } from './pdf/poppler.ts';

/* The Form 17C Part I-style unit sheet of a polling station, printed in en/hi/mr. */

const CHECKPOINT = { origin: 'evmtrail.test/MH-PUNE', size: 321, rootHex: '7b1c'.repeat(16) };
const NOW = new Date('2029-04-19T13:00:00Z');
const VIEW: StationPollView = {
  station: { id: 104, number: 4, name: 'Kothrud School 4' }, ac: { id: 1, number: 210, name: 'Kothrud' }, setCode: 'SET-210-004', version: 2, status: 'closed', phase: null,
  members: [{ serial: 'CUK0000004', kind: 'CU', state: 'poll_closed_sealed' }, { serial: 'BUK0000004', kind: 'BU', state: 'poll_closed_sealed' }, { serial: 'VVK0000019', kind: 'VVPAT', state: 'poll_closed_sealed' }],
  sector: null, mockPollMinVotes: 50,
  records: [
    { kind: 'mock_poll', at: '2029-04-19T00:30:00.000Z', by: 'presiding.ac210', record: { votes: 50 } },
    { kind: 'replacement', at: '2029-04-19T04:10:00.000Z', by: 'sector.ac210', record: { reason: 'paper jam at 09:40', pairs: [{ old: 'VVK0000004', new: 'VVK0000019', kind: 'VVPAT' }] } },
    { kind: 'poll_close', at: '2029-04-19T12:30:00.000Z', by: 'presiding.ac210', record: { cu: ['CUK0000004'], bus: ['BUK0000004'], vvpat: ['VVK0000019'], seals: ['CL-4-1', 'CL-4-2'], votesRecorded: 612, closedAt: '2029-04-19T12:30:00.000Z' } },
  ],
};

async function text(language: PdfLanguage, view: StationPollView = VIEW): Promise<string> {
  return pdfText(await renderPdf(unitSheetModel({ language, view, printedBy: 'presiding.ac210', checkpoint: CHECKPOINT, now: NOW })));
}

describe('the Form 17C Part I unit sheet', () => {
  test.each([
    ['en', 'Form 17C Part I (unit sheet): PS 4 Kothrud School 4', 'Control Unit serial', 'Total votes recorded in the CU', 'Replaced:'],
    ['hi', 'फ़ॉर्म 17C भाग I', 'कंट्रोल यूनिट क्रमांक', 'CU में दर्ज कुल वोट', 'प्रतिस्थापित'],
    ['mr', 'फॉर्म 17C भाग I', 'कंट्रोल युनिट क्रमांक', 'CU मध्ये नोंदलेली एकूण मते', 'बदली'],
  ] as const)('in %s it names the units, seals, votes and time of close, and the replacements', async (language, title, cu, votes, replaced) => {
    const page = await text(language);
    for (const s of [title, cu, votes, replaced, 'VVK0000004', 'CUK0000004', 'BUK0000004', 'VVK0000019', 'CL-4-1', 'CL-4-2', '612', '18:00', 'SET-210-004', 'paper jam at 09:40', CHECKPOINT.rootHex]) {
      expect(page).toContain(s);
    }
  });

  test('before the close of poll the sheet says so and lists no units', async () => {
    const open: StationPollView = { ...VIEW, status: 'poll_on', records: VIEW.records.filter((r) => r.kind !== 'poll_close') };
    const page = await text('en', open);
    expect(page).toContain('The poll at this station is not closed yet.');
    expect(page).not.toContain('CL-4-1');
  });
});
