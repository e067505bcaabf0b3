/**
 * The observer's audit page: the published files recomputed in the browser (matches / does not
 * match, naming the line), the whole bundle downloaded, and a chosen bundle file checked.
 */
import { allocate, commit, encodeRandBundle, freezeDemand, freezePool, seedFrom, type CeremonyDetail, type CeremonyFiles, type PoolUnit, type UnitKind } from '@evmtrail/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEO } from './fixtures';
import { mockApi } from './msw';
import { renderApp } from './render-app';

const OBSERVER = { ...DEO, id: 9, username: 'observer.pune', displayName: 'Observer Pune', role: 'observer' as const };

function range(kind: UnitKind, prefix: string, from: number, to: number): PoolUnit[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ kind, serial: `${prefix}-${String(from + i).padStart(6, '0')}` }));
}

/** The spec's worked first randomisation of D0412 (specs/evmrand-v1.md §4.5). */
function draw() {
  const pool = freezePool([...range('BU', 'BU', 101, 115), ...range('CU', 'CU', 201, 215), ...range('VVPAT', 'VV', 301, 317)]);
  const demand = freezeDemand((['BU', 'CU', 'VVPAT'] as const).flatMap((kind) => ['AC-057', 'AC-058', 'AC-059'].map((target, i) => ({ kind, target, count: (kind === 'VVPAT' ? 6 : 5) - i }))));
  if (!pool.ok || !demand.ok) throw new Error('inputs');
  const value = '0123456789abcdef0123456789abcdef';
  const c = commit({ party: 'INC', value });
  if (!c.ok) throw new Error('commit');
  const seed = seedFrom({ electionId: 'GE2029', stage: '1', scope: 'D0412', poolHash: pool.value.hash, demandHash: demand.value.hash, dice: '31415926535897932384', parties: [{ party: 'INC', commitment: c.value, reveal: value }] });
  if (!seed.ok) throw new Error('seed');
  const a = allocate({ pool: pool.value, demand: demand.value, seed: seed.value });
  if (!a.ok) throw new Error('allocate');
  const step = { by: 'deo.pune', at: '2029-03-01T10:00:00.000Z' };
  const detail: CeremonyDetail = {
    id: 3, code: 'R1-D0412-1', stage: 'first', ac: null, electionId: 'GE2029', scope: 'D0412', status: 'finalised',
    poolHash: pool.value.hash, demandHash: demand.value.hash, allocationHash: a.value.hash, poolCounts: { BU: 15, CU: 15, VVPAT: 17 },
    created: step, dice: step, allocated: step, finalised: { by: 'observer.pune', at: '2029-03-01T10:30:00.000Z' }, abandoned: null,
    diceDigits: '31415926535897932384', seed: seed.value, demand: demand.value.rows.map((r) => ({ kind: r.kind, target: r.target, count: r.count })),
    parties: [{ party: 'INC', commitment: c.value, committed: { by: 'party.inc', at: step.at }, reveal: value, revealed: { by: 'party.inc', at: step.at } }],
    allocation: [], replacements: [],
  };
  const files: CeremonyFiles = { code: detail.code, poolCsv: pool.value.csv, poolHash: pool.value.hash, demandCsv: demand.value.csv, demandHash: demand.value.hash, seed: seed.value, allocationCsv: a.value.csv, allocationHash: a.value.hash };
  return { detail, files };
}

/** allocation.csv with the units of its first two lines swapped between... the first two lines of different targets. */
function tamper(csv: string): { csv: string; line: number } {
  const lines = csv.split('\n');
  const i = lines.findIndex((l, k) => k > 0 && l.split(',')[1] !== lines[k - 1]?.split(',')[1]);
  const [a = '', b = ''] = [lines[i - 1], lines[i]];
  lines[i - 1] = `${a.split(',').slice(0, 2).join(',')},${b.split(',')[2] ?? ''}`;
  lines[i] = `${b.split(',').slice(0, 2).join(',')},${a.split(',')[2] ?? ''}`;
  return { csv: lines.join('\n'), line: i };
}

describe('ceremony audit page', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('recomputes a finalised ceremony in the browser, says it matches, and downloads the bundle', async () => {
    const { detail, files } = draw();
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:http://localhost/x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderApp('/ceremonies/3/audit');
    const main = await screen.findByRole('main');
    const verdict = await within(main).findByTestId('recompute-verdict');
    expect(verdict.dataset.matches).toBe('true');
    expect(verdict.textContent).toContain('Matches: the allocation of R1-D0412-1');
    expect(within(main).getByText(/Cosigned by observer observer\.pune/)).toBeTruthy();
    expect(within(main).getByTestId('dice').textContent).toBe('31415926535897932384');

    await userEvent.click(within(main).getByRole('button', { name: 'Download everything (bundle)' }));
    expect(clicked).toEqual(['R1-D0412-1.evmrand.json']);
    const bundle = JSON.parse((await blobs[0]?.text()) ?? '{}') as { files: Record<string, string>; format: string };
    expect(bundle.format).toBe('evmtrail-rand-bundle/1');
    expect(bundle.files['randomisations/R1-D0412-1/allocation.csv']).toBe(files.allocationCsv);
    expect(bundle.files['randomisations/R1-D0412-1/seed.txt']).toBe(files.seed);

    // The list for parties: allocation.csv's lines with the first 18 ticket digits, under the seed.
    await userEvent.click(within(main).getByRole('button', { name: 'List for parties, with tickets (CSV)' }));
    expect(clicked[1]).toBe('R1-D0412-1-list.csv');
    const [seedLine, ...rows] = ((await blobs[1]?.text()) ?? '').split('\n');
    expect(seedLine).toBe(`# seed=${files.seed ?? ''}`);
    expect(rows.map((l) => (l === '' ? '' : l.split(',').slice(0, 3).join(','))).join('\n')).toBe(files.allocationCsv);
    expect(rows[0]).toMatch(/^BU,AC-057,BU-\d{6},\d{18}$/);
  });

  it('says plainly when the published allocation does not match, naming the first differing line', async () => {
    const { detail, files } = draw();
    const bad = tamper(files.allocationCsv ?? '');
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => ({ ...files, allocationCsv: bad.csv }) });
    renderApp('/ceremonies/3/audit');
    const verdict = await screen.findByTestId('recompute-verdict');
    expect(verdict.dataset.matches).toBe('false');
    expect(verdict.textContent).toContain('Does NOT match');
    expect(verdict.textContent).toContain(`First difference at line ${bad.line}`);
  });

  it('checks a bundle file chosen on the device: a faithful one matches, a tampered one does not', async () => {
    const { detail, files } = draw();
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files });
    renderApp('/ceremonies/3/audit');
    const main = await screen.findByRole('main');
    await within(main).findAllByTestId('recompute-verdict');
    const input = within(main).getByTestId('bundle-file');
    const published = { code: 'R1-D0412-1', poolCsv: files.poolCsv, demandCsv: files.demandCsv, seed: files.seed ?? '', allocationCsv: tamper(files.allocationCsv ?? '').csv };
    await userEvent.upload(input, new File([encodeRandBundle([published])], 'tampered.evmrand.json', { type: 'application/json' }));
    await waitFor(() => expect(within(main).getAllByTestId('recompute-verdict')).toHaveLength(2));
    expect(within(main).getAllByTestId('recompute-verdict')[1]?.dataset.matches).toBe('false');
    await userEvent.upload(input, new File(['not json'], 'junk.json', { type: 'application/json' }));
    expect(await within(main).findByText(/junk\.json cannot be read as a randomisation bundle/)).toBeTruthy();
  });

  it('is in Hindi too', async () => {
    const { detail, files } = draw();
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files });
    renderApp('/ceremonies/3/audit');
    await screen.findByTestId('recompute-verdict');
    await userEvent.click(within(screen.getByRole('banner')).getByRole('button', { name: 'हिन्दी' }));
    expect((await screen.findByTestId('recompute-verdict')).textContent).toContain('मेल खाता है');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('समारोह R1-D0412-1 की जाँच');
  });
});
