/**
 * The observer's audit page: the published files recomputed in the browser (matches / does not
 * match, naming the line), the whole bundle downloaded, and a chosen bundle file checked; each
 * step's log entry verified in the browser against a signed checkpoint (and failing plainly when
 * an entry, the signature or what the page shows is changed); the lists for parties downloaded.
 */
import {
  allocate, checkpointKey, commit, encodeRandBundle, entryText, freezeDemand, freezePool, inclusionProof, leafHash, rootFromLeafHashes, seedFrom,
  signCheckpointNote, toHex, utf8Encode, type CeremonyDetail, type CeremonyFiles, type PoolUnit, type UnitKind,
} from '@evmtrail/shared';
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

const ORIGIN = 'evmtrail.test/MH-PUNE';
const KEY = checkpointKey(ORIGIN, new Uint8Array(32).fill(7));

/**
 * The district log as the api would serve it for ceremony.logProof: a few other entries, then the
 * ceremony's RAND_* entries with the reasons the ceremony service writes, under a checkpoint signed
 * with KEY. `edit` changes an entry's text after the tree is built (a tampered server).
 */
function logProof(c: CeremonyDetail, edit?: (text: string, type: string) => string) {
  const base = { v: 1 as const, log: ORIGIN, units: [], from: c.scope, to: c.scope, witnesses: [], seals: [], dev: 'api', devPrev: '0'.repeat(64) };
  let seq = 0;
  const entry = (type: string, actor: string, reason: string) => ({ type, text: entryText({ ...base, ts: '2029-03-01T10:00:00+05:30', type, actor, reason, devSeq: ++seq, salt: toHex(new Uint8Array(16).fill(seq)) }) });
  const p = c.parties[0];
  if (!p?.reveal) throw new Error('fixture: a revealed party');
  const all = [
    entry('MOVE', 'warehouse.pune', 'stock moved'), entry('RECEIPT', 'warehouse.pune', 'stock received'), entry('FLC', 'engineer.bel', 'FLC passed'),
    entry('RAND_FREEZE', 'deo.pune', `Ceremony ${c.code} (first) frozen: P=${c.poolHash} Q=${c.demandHash}; pool 15 BU, 15 CU, 17 VVPAT`),
    entry('RAND_COMMIT', p.committed.by, `Ceremony ${c.code}: party ${p.party} committed ${p.commitment}`),
    entry('RAND_DICE', 'deo.pune', `Ceremony ${c.code}: dice ${c.diceDigits ?? ''}; commitments closed`),
    entry('RAND_REVEAL', p.committed.by, `Ceremony ${c.code}: party ${p.party} revealed ${p.reveal} (opens its commitment)`),
    entry('RAND_ALLOCATE', 'deo.pune', `Ceremony ${c.code}: seed ${c.seed ?? ''}; sha256(allocation.csv)=${c.allocationHash ?? ''}`),
    entry('RAND_FINALISE', 'observer.pune', `Ceremony ${c.code} finalised (sha256(allocation.csv)=${c.allocationHash ?? ''}); cosigned by observer observer.pune`),
    entry('MOVE', 'warehouse.pune', 'stock moved again'),
  ];
  const leaves = all.map((e) => leafHash(utf8Encode(e.text)));
  const root = rootFromLeafHashes(leaves);
  return {
    code: c.code,
    checkpoint: { origin: ORIGIN, size: all.length, rootHex: toHex(root), note: signCheckpointNote(KEY, ORIGIN, all.length, root), verified: true },
    logVkey: KEY.vkey,
    entries: all.flatMap((e, index) => (e.type.startsWith('RAND_') ? [{ index, entry: edit ? edit(e.text, e.type) : e.text, leafHashHex: toHex(leaves[index] ?? new Uint8Array()), proof: inclusionProof(index, leaves).map(toHex) }] : [])),
  };
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
    const list = { filename: 'R1-D0412-1-ac-wise-list.csv', csv: `# ceremony=R1-D0412-1\n# seed=${files.seed ?? ''}\nTYPE,TARGET,ID,TICKET18,PLACE\n` };
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files, 'ceremony.logProof': () => logProof(detail), 'ceremony.partyList': () => list });
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

    // The lists for parties: the api's CSV saved as it is, and the PDF in each language.
    await userEvent.click(within(main).getByRole('button', { name: 'List (CSV)' }));
    expect(clicked[1]).toBe('R1-D0412-1-ac-wise-list.csv');
    expect(await blobs[1]?.text()).toBe(list.csv);
    expect(within(main).getByRole('heading', { name: 'AC-wise list for parties' })).toBeTruthy();
    const pdfs = within(within(main).getByRole('group', { name: 'List (PDF)' })).getAllByRole('link');
    expect(pdfs.map((a) => a.getAttribute('href'))).toEqual(['en', 'hi', 'mr'].map((l) => `/pdf/ceremonies/12/3-list.pdf?lang=${l}`));
  });

  it('says plainly when the published allocation does not match, naming the first differing line', async () => {
    const { detail, files } = draw();
    const bad = tamper(files.allocationCsv ?? '');
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => ({ ...files, allocationCsv: bad.csv }), 'ceremony.logProof': () => logProof(detail) });
    renderApp('/ceremonies/3/audit');
    const verdict = await screen.findByTestId('recompute-verdict');
    expect(verdict.dataset.matches).toBe('false');
    expect(verdict.textContent).toContain('Does NOT match');
    expect(verdict.textContent).toContain(`First difference at line ${bad.line}`);
  });

  it('checks a bundle file chosen on the device: a faithful one matches, a tampered one does not', async () => {
    const { detail, files } = draw();
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files, 'ceremony.logProof': () => logProof(detail) });
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

  it('verifies every step\'s log entry in the browser against the signed checkpoint', async () => {
    const { detail, files } = draw();
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files, 'ceremony.logProof': () => logProof(detail) });
    renderApp('/ceremonies/3/audit');
    const trail = await screen.findByTestId('trail');
    const verdict = await within(trail).findByTestId('trail-verdict');
    expect(verdict.dataset.verified).toBe('true');
    expect(verdict.textContent).toMatch(/^All 6 steps verified against the signed checkpoint: tree size 10, root [0-9a-f]{16}…$/);
    const steps = within(trail).getAllByTestId('trail-step');
    expect(steps.map((s) => s.dataset.step)).toEqual(['freeze', 'commit', 'dice', 'reveal', 'allocate', 'finalise']);
    for (const s of steps) {
      expect(s.dataset.verified).toBe('true');
      expect(s.textContent).toMatch(/✓ Verified against checkpoint 10 \(tree size 10, root [0-9a-f]{16}…\)/);
    }
    expect(steps[1]?.textContent).toContain('Commitment of INC');
    expect(steps[1]?.textContent).toContain('log entry #4');
  });

  it('fails plainly on one changed byte of an entry, on a page that says other dice than the log, and on a foreign signature', async () => {
    const { detail, files } = draw();
    // One byte of the dice entry changed by the server after signing: not in the signed tree.
    const tampered = logProof(detail, (text, type) => (type === 'RAND_DICE' ? text.replace('dice 3141', 'dice 3142') : text));
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files, 'ceremony.logProof': () => tampered });
    const { unmount } = renderApp('/ceremonies/3/audit');
    let trail = await screen.findByTestId('trail');
    expect((await within(trail).findByTestId('trail-verdict')).dataset.verified).toBe('false');
    expect(within(trail).getByTestId('trail-verdict').textContent).toContain('1 of 6 steps did NOT verify');
    const dice = within(trail).getAllByTestId('trail-step').find((s) => s.dataset.step === 'dice');
    expect(dice?.dataset.verified).toBe('false');
    expect(dice?.textContent).toContain('Not verified: this entry is not in the signed tree');
    unmount();

    // The log is faithful but the page is served other dice than were logged.
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => ({ ...detail, diceDigits: '99999999999999999999' }), 'ceremony.files': () => files, 'ceremony.logProof': () => logProof(detail) });
    const second = renderApp('/ceremonies/3/audit');
    trail = await screen.findByTestId('trail');
    const step = await within(trail).findAllByTestId('trail-step').then((all) => all.find((s) => s.dataset.step === 'dice'));
    expect(step?.textContent).toContain('Not verified: the log entry does not say the same dice as this page.');
    second.unmount();

    // A checkpoint signed by another key than the district log's.
    const other = checkpointKey(ORIGIN, new Uint8Array(32).fill(8));
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files, 'ceremony.logProof': () => ({ ...logProof(detail), logVkey: other.vkey }) });
    renderApp('/ceremonies/3/audit');
    const bad = await within(await screen.findByTestId('trail')).findByTestId('trail-verdict');
    expect(bad.dataset.verified).toBe('false');
    expect(bad.textContent).toContain('The checkpoint’s signature does not verify with the district log’s key');
  });

  it('verifies with the key the observer was given, not the api\'s, once it is entered on the device', async () => {
    localStorage.clear();
    const { detail, files } = draw();
    const other = checkpointKey(ORIGIN, new Uint8Array(32).fill(8));
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files, 'ceremony.logProof': () => logProof(detail) });
    renderApp('/ceremonies/3/audit');
    const trail = await screen.findByTestId('trail');
    expect((await within(trail).findByTestId('trail-verdict')).dataset.verified).toBe('true');
    expect(within(trail).getByTestId('trusted-key').textContent).toContain(`Verified with the district log’s key as the api serves it: ${KEY.vkey}`);
    await userEvent.click(within(trail).getByText('Verify with the key you were given'));
    const field = within(trail).getByLabelText(/District log key/);
    await userEvent.type(field, 'not-a-key');
    await userEvent.click(within(trail).getByRole('button', { name: 'Use this key' }));
    expect(within(trail).getByRole('alert').textContent).toContain('That is not a log key');
    // The key on the paper copy is another key: the api's checkpoint does not verify with it.
    await userEvent.clear(field);
    await userEvent.type(field, other.vkey);
    await userEvent.click(within(trail).getByRole('button', { name: 'Use this key' }));
    expect(within(trail).getByTestId('trail-verdict').dataset.verified).toBe('false');
    expect(within(trail).getByTestId('trail-verdict').textContent).toContain('does not verify with the district log’s key');
    expect(within(trail).getByTestId('trusted-key').textContent).toContain(`The api serves another key for this log: ${KEY.vkey}`);
    expect(localStorage.getItem(`evmtrail.trustedVkey.${ORIGIN}`)).toBe(other.vkey);
    await userEvent.click(within(trail).getByRole('button', { name: 'Use the api’s key again' }));
    expect(within(trail).getByTestId('trail-verdict').dataset.verified).toBe('true');
    // The right key entered: verified with it.
    await userEvent.click(within(trail).getByText('Verify with the key you were given'));
    await userEvent.type(within(trail).getByLabelText(/District log key/), KEY.vkey);
    await userEvent.click(within(trail).getByRole('button', { name: 'Use this key' }));
    expect(within(trail).getByTestId('trail-verdict').dataset.verified).toBe('true');
    expect(within(trail).getByTestId('trusted-key').textContent).toContain(`Verified with the key you entered on this device: ${KEY.vkey}`);
    localStorage.clear();
  });

  it('checks a bundle holding a first and a second randomisation: each redrawn, a changed second-stage line named', async () => {
    const { detail, files } = draw();
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files, 'ceremony.logProof': () => logProof(detail) });
    // A second randomisation of AC 210 to its polling stations, the AC reserve in ticket order.
    const pool = freezePool([...range('BU', 'BU', 101, 110), ...range('CU', 'CU', 201, 206), ...range('VVPAT', 'VV', 301, 306)]);
    const demand = freezeDemand((['BU', 'CU', 'VVPAT'] as const).flatMap((kind) => ['PS-001', 'PS-002'].map((target) => ({ kind, target, count: kind === 'BU' ? 2 : 1 }))));
    if (!pool.ok || !demand.ok) throw new Error('inputs');
    const seed = seedFrom({ electionId: 'GE2029', stage: '2', scope: 'AC-210', poolHash: pool.value.hash, demandHash: demand.value.hash, dice: '27182818284590452353', parties: [] });
    if (!seed.ok) throw new Error('seed');
    const a = allocate({ pool: pool.value, demand: demand.value, seed: seed.value });
    if (!a.ok) throw new Error('allocate');
    expect(a.value.csv).toContain('BU,RESERVE-AC-210,');
    const lines = a.value.csv.split('\n');
    const i = lines.findIndex((l) => l.startsWith('BU,RESERVE-'));
    [lines[i], lines[i + 1]] = [lines[i + 1] ?? '', lines[i] ?? ''];
    const first = { code: 'R1-D0412-1', poolCsv: files.poolCsv, demandCsv: files.demandCsv, seed: files.seed ?? '', allocationCsv: files.allocationCsv ?? '' };
    const second = { code: 'R2-AC-210-2', poolCsv: pool.value.csv, demandCsv: demand.value.csv, seed: seed.value, allocationCsv: lines.join('\n') };
    renderApp('/ceremonies/3/audit');
    const main = await screen.findByRole('main');
    await within(main).findAllByTestId('recompute-verdict');
    await userEvent.upload(within(main).getByTestId('bundle-file'), new File([encodeRandBundle([first, second])], 'both.evmrand.json', { type: 'application/json' }));
    await waitFor(() => expect(within(main).getAllByTestId('recompute-verdict')).toHaveLength(3));
    const [, one, two] = within(main).getAllByTestId('recompute-verdict');
    expect([one?.dataset.matches, two?.dataset.matches]).toEqual(['true', 'false']);
    expect(two?.textContent).toContain('the allocation of R2-AC-210-2 recomputed in this browser differs');
    expect(two?.textContent).toContain(`First difference at line ${i + 1}`);
  });

  it('is in Hindi too', async () => {
    const { detail, files } = draw();
    mockApi({ 'auth.me': () => OBSERVER, 'ceremony.byId': () => detail, 'ceremony.files': () => files, 'ceremony.logProof': () => logProof(detail) });
    renderApp('/ceremonies/3/audit');
    await screen.findByTestId('recompute-verdict');
    await userEvent.click(within(screen.getByRole('banner')).getByRole('button', { name: 'हिन्दी' }));
    expect((await screen.findByTestId('recompute-verdict')).textContent).toContain('मेल खाता है');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('समारोह R1-D0412-1 की जाँच');
    expect((await screen.findByTestId('trail-verdict')).textContent).toMatch(/^सभी 6 चरण हस्ताक्षरित चेकपॉइंट से सत्यापित/);
    expect(screen.getByRole('heading', { name: 'दलों के लिए विधानसभा-क्षेत्रवार सूची' })).toBeTruthy();
  });
});
