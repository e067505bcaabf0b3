import type { ScanResult } from '@evmtrail/shared';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createOutbox, RETRY_MS, SEND_BATCH, type RecordScanWire } from './outbox';
import { openOutboxStore } from './outbox-store';

const TASK = { kind: 'receipt', id: 5 } as const;

function answer(input: RecordScanWire, outcome: ScanResult['outcome'] = 'accepted'): ScanResult {
  return {
    key: input.key,
    serial: input.serial,
    outcome,
    replayed: false,
    detail: '',
    tally: { expected: 10, accepted: 1, missing: 9, orphan: 0, rejected: 0 },
    recordedAt: new Date().toISOString(),
  };
}

const networkDown = () => Promise.reject(new TRPCClientError('Failed to fetch', { cause: new TypeError('Failed to fetch') }));

function refusal(type: string, message: string) {
  return TRPCClientError.from({ error: { message, code: -32003, data: { code: 'FORBIDDEN', httpStatus: 403, domainError: { type, message, params: {} } } } });
}

/** A scheduler the test runs by hand: what waits, and for how long. */
function manualClock() {
  const waiting: { run: () => void; ms: number }[] = [];
  return {
    waits: () => waiting.map((w) => w.ms),
    schedule: (run: () => void, ms: number) => {
      const entry = { run, ms };
      waiting.push(entry);
      return () => waiting.splice(waiting.indexOf(entry), 1);
    },
    runNext: () => waiting.shift()?.run(),
  };
}

function outboxWith(send: (input: RecordScanWire) => Promise<ScanResult>, clock = manualClock()) {
  return createOutbox({ store: openOutboxStore(), userId: 7, send, schedule: clock.schedule });
}

const scan = (serial: string) => ({ districtId: 12, task: TASK, serial, via: 'wedge' as const });

describe('scan outbox', () => {
  it('keeps a scan in IndexedDB before sending it, and marks it done with the answer', async () => {
    const sent: RecordScanWire[] = [];
    const keptWhileSending: [string, string][][] = [];
    const outbox = outboxWith(async (input) => {
      sent.push(input);
      // The scan is already on the device while the request is on its way.
      keptWhileSending.push((await openOutboxStore().load(7, Date.now())).map((s) => [s.key, s.status]));
      return answer(input);
    });
    const entry = await outbox.add(scan('BU-000115'));
    expect(entry.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await outbox.flush();
    expect(keptWhileSending).toEqual([[[entry.key, 'pending']]]);
    const [kept] = await openOutboxStore().load(7, Date.now());
    expect(kept).toMatchObject({ key: entry.key, status: 'done', result: { outcome: 'accepted' } });
    expect(sent[0]).toEqual({ districtId: 12, task: TASK, serial: 'BU-000115', key: entry.key, scannedAt: entry.scannedAt, via: 'wedge' });
  });

  it('sends at most ten per request and never two of one serial in the same request', async () => {
    // The scans of one batch are sent in one go (one httpBatchLink request): a round is the
    // calls made before the next microtask.
    const rounds: string[][] = [];
    let round: string[] | null = null;
    let online = false;
    const outbox = outboxWith((input) => {
      if (!online) return networkDown();
      if (!round) {
        rounds.push((round = []));
        queueMicrotask(() => (round = null));
      }
      round.push(input.serial);
      return Promise.resolve(answer(input));
    });
    const distinct = [...Array(12).keys()].map((i) => `CU-${String(i).padStart(6, '0')}`);
    // Two scans of CU-000000 and of CU-000001 among the oldest ten.
    const serials = [distinct[0], distinct[0], distinct[1], distinct[1], ...distinct.slice(2)] as string[];
    for (const serial of serials) await outbox.add(scan(serial));
    await outbox.flush();
    online = true;
    await outbox.flush();
    expect(outbox.scans().map((s) => s.status)).toEqual(serials.map(() => 'done'));
    expect(rounds.map((r) => r.length)).toEqual([SEND_BATCH, 4]);
    expect(rounds.every((r) => new Set(r).size === r.length)).toBe(true);
    expect(rounds.flat().sort()).toEqual([...serials].sort());
  });

  it('keeps scans pending through a lost network, backs off, and sends each once when it returns', async () => {
    const clock = manualClock();
    let online = false;
    const sent: string[] = [];
    const outbox = outboxWith((input) => {
      if (!online) return networkDown();
      sent.push(input.key);
      return Promise.resolve(answer(input));
    }, clock);
    const stop = outbox.start();
    const keys = [];
    for (const serial of ['BU-000001', 'BU-000002', 'BU-000003']) keys.push((await outbox.add(scan(serial))).key);
    await outbox.flush();
    expect(outbox.scans().map((s) => s.status)).toEqual(['pending', 'pending', 'pending']);
    expect(outbox.scans()[0]?.error?.kind).toBe('network');
    expect(sent).toEqual([]);
    // One retry waits at a time, a little longer after each failure, up to the last step.
    const waits: number[] = [];
    for (let i = 0; i < RETRY_MS.length + 1; i++) {
      expect(clock.waits()).toHaveLength(1);
      waits.push(clock.waits()[0] ?? 0);
      clock.runNext();
      await outbox.flush();
    }
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(waits.at(-1)).toBe(RETRY_MS.at(-1));
    expect(outbox.scans().map((s) => s.status)).toEqual(['pending', 'pending', 'pending']);

    online = true;
    window.dispatchEvent(new Event('online'));
    await expect.poll(() => outbox.scans().every((s) => s.status === 'done')).toBe(true);
    expect(sent.sort()).toEqual([...keys].sort());
    expect(clock.waits()).toEqual([]);
    expect(outbox.scans().every((s) => s.error === undefined)).toBe(true);
    stop();
  });

  it('marks a definite refusal failed with its reason, and retries a reconnecting database', async () => {
    let databaseDown = true;
    const outbox = outboxWith((input) => {
      if (input.serial === 'VV-000304') return Promise.reject(refusal('outside_jurisdiction', 'AC 210 is outside your jurisdiction'));
      if (databaseDown) return Promise.reject(TRPCClientError.from({ error: { message: 'db', code: -32053, data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, domainError: { type: 'database_unavailable', message: 'db', params: {} } } } }));
      return Promise.resolve(answer(input));
    });
    await outbox.add(scan('VV-000304'));
    await outbox.add(scan('CU-000204'));
    await outbox.flush();
    const [refused, waiting] = outbox.scans();
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'outside_jurisdiction', message: 'AC 210 is outside your jurisdiction' } });
    expect(waiting).toMatchObject({ status: 'pending', error: { kind: 'database_unavailable' } });
    databaseDown = false;
    await outbox.flush();
    expect(outbox.scans().map((s) => s.status)).toEqual(['failed', 'done']);
  });

  it('sees a second scan of a serial in the task at once, even while the first is still being kept', async () => {
    const outbox = outboxWith(networkDown);
    const [first, second, other] = await Promise.all([outbox.add(scan('BU-000115')), outbox.add(scan('BU-000115')), outbox.add({ ...scan('BU-000115'), task: { kind: 'stocktake', id: 1 } })]);
    expect([first?.seenBefore, second?.seenBefore, other?.seenBefore]).toEqual([false, true, false]);
    expect(new Set([first?.key, second?.key]).size).toBe(2);
  });

  it("loads the user's kept scans after a reload and sends those still pending", async () => {
    const before = outboxWith(networkDown);
    const kept = await before.add(scan('BU-000115'));
    await before.flush();
    const otherUser = createOutbox({ store: openOutboxStore(), userId: 8, send: networkDown, schedule: manualClock().schedule });
    await otherUser.ready;
    expect(otherUser.scans()).toEqual([]);

    const sent: string[] = [];
    const after = outboxWith((input) => {
      sent.push(input.key);
      return Promise.resolve(answer(input));
    });
    after.start()();
    await after.flush();
    expect(sent).toEqual([kept.key]);
    expect(after.scans()).toMatchObject([{ key: kept.key, status: 'done', serial: 'BU-000115' }]);
  });
});
