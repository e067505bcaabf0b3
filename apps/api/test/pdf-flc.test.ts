import type { FlcCampaignSummary, FlcProgress, FlcResultView } from '@evmtrail/shared';
import { describe, expect, test } from 'vitest';

import { flcReportModel, type FlcDocument } from '../src/pdf/flc-pdf.service.ts';
import type { PdfLanguage } from '../src/pdf/labels.ts';
import { renderPdf } from '../src/pdf/render.ts';
import { pdfText } from './pdf/poppler.ts';

/* The FLC register, the parties' copy and the supervisor's certificate, printed in en/hi/mr. */

const CHECKPOINT = { origin: 'evmtrail.test/MH-PUNE', size: 4321, rootHex: '7c1d'.repeat(16) };
const NOW = new Date('2029-02-10T05:30:00Z');
const CAMPAIGN: FlcCampaignSummary = {
  id: 3, code: 'FLC-1-3', electionId: 1, electionName: 'General Election to Lok Sabha 2029', hall: { id: 9, name: 'FLC hall, Pune' },
  status: 'running', startsOn: '2029-02-01', endsOn: '2029-02-12', supervisorName: 'Shri S. Deshmukh', noticeDate: '2029-01-20',
  mayStartOn: '2029-01-27', parties: ['Party A', 'Party B'], faultCodes: ['KEYPAD'], startedAt: '2029-02-01T04:30:00.000Z',
};
const RESULTS: FlcResultView[] = [
  { serial: 'BUB3000001', kind: 'BU', result: 'pass', pinkSeal: 'PK-000451', faultCode: null, note: null, recordedBy: 'BEL Engineer', recordedAt: '2029-02-01T05:00:00.000Z' },
  { serial: 'BUB3000002', kind: 'BU', result: 'fail', pinkSeal: null, faultCode: 'KEYPAD', note: 'Button 7', recordedBy: 'BEL Engineer', recordedAt: '2029-02-01T05:10:00.000Z' },
];
const PROGRESS: FlcProgress = {
  perDay: [{ day: '2029-02-01', kind: 'BU', passed: 1, failed: 1 }], remaining: [], rejectionsByFault: [{ faultCode: 'KEYPAD', count: 1 }], passed: 1, failed: 1,
};

async function text(language: PdfLanguage, document: FlcDocument): Promise<string> {
  const model = flcReportModel({ language, document, campaign: CAMPAIGN, hall: CAMPAIGN.hall.name, results: RESULTS, progress: PROGRESS, printedBy: 'deo.pune', checkpoint: CHECKPOINT, now: NOW });
  return pdfText(await renderPdf(model));
}

describe('FLC PDFs', () => {
  test.each([
    ['en', 'FLC register FLC-1-3', 'Rejected'],
    ['hi', 'एफ़एलसी रजिस्टर FLC-1-3', 'अस्वीकृत'],
    ['mr', 'एफएलसी नोंदवही FLC-1-3', 'नाकारलेली'],
  ] as const)('the register in %s lists every result with its pink seal or fault, and the checkpoint', async (language, title, rejected) => {
    const page = await text(language, 'register');
    expect(page).toContain(title);
    expect(page).toContain('PK-000451');
    expect(page).toContain('KEYPAD');
    expect(page).toContain(rejected);
    expect(page).toContain(CHECKPOINT.rootHex);
  });

  test('the parties\' copy says so', async () => {
    expect(await text('en', 'party-register')).toContain('Copy for the recognised political parties');
    expect(await text('en', 'register')).not.toContain('Copy for the recognised political parties');
  });

  test.each([
    ['en', 'I, Shri S. Deshmukh, FLC supervisor, certify'],
    ['hi', 'एफ़एलसी प्रमाण-पत्र'],
    ['mr', 'एफएलसी प्रमाणपत्र'],
  ] as const)('the supervisor\'s certificate in %s counts the units checked', async (language, words) => {
    const page = await text(language, 'certificate');
    expect(page).toContain(words);
    expect(page).toContain('2029-02-01');
  });
});
