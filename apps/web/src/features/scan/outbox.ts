import type { FlcScanResult, ScanResult, ScanSource, ScanTask } from '@evmtrail/shared';
import type { OutboxScan, OutboxStore } from './outbox-store';
import { isRefusal, storedError } from './send-errors';

/** What `scan.record` takes on the wire. */
export interface RecordScanWire {
  readonly districtId: number;
  readonly task: ScanTask;
  readonly serial: string;
  readonly key: string;
  readonly scannedAt: string;
  readonly via: ScanSource;
  readonly flc?: FlcScanResult;
}

export type SendScan = (input: RecordScanWire) => Promise<ScanResult>;

export interface NewScan {
  readonly districtId: number;
  readonly task: ScanTask;
  readonly serial: string;
  readonly via: ScanSource;
  /** An FLC result (task kind 'flc'), sent with the scan. */
  readonly flc?: FlcScanResult;
}

/** At most this many scans go in one request (httpBatchLink's maxItems; the api refuses more). */
export const SEND_BATCH = 10;
/** Waits between tries while the server cannot be reached; the `online` event cuts them short. */
export const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

export interface Outbox {
  /** Every scan of this user kept on the device, in scanning order. */
  readonly scans: () => readonly OutboxScan[];
  readonly subscribe: (onChange: () => void) => () => void;
  /** Called once per server answer (a result or a refusal) to a scan sent from this page. */
  readonly onAnswer: (listener: (scan: OutboxScan) => void) => () => void;
  /** Keeps the scan durably, then sends it; resolves once it is kept (not when it is sent). */
  readonly add: (scan: NewScan) => Promise<OutboxScan>;
  readonly flush: () => Promise<void>;
  /** Sends now and whenever the network returns; returns the stop. */
  readonly start: () => () => void;
  readonly ready: Promise<void>;
}

export interface OutboxOptions {
  readonly store: OutboxStore;
  readonly send: SendScan;
  readonly userId: number;
  readonly now?: () => number;
  readonly schedule?: (run: () => void, ms: number) => () => void;
}

export const taskKey = (districtId: number, task: ScanTask) => `${districtId}/${task.kind}/${task.id}`;
export const scanTaskKey = (s: OutboxScan) => taskKey(s.districtId, s.task);

/** Outcomes after which a second scan of the serial can only be a duplicate. */
const COUNTED = new Set(['accepted', 'duplicate', 'orphan']);

export function createOutbox({ store, send, userId, now = Date.now, schedule = defaultSchedule }: OutboxOptions): Outbox {
  const byKey = new Map<string, OutboxScan>();
  let ordered: readonly OutboxScan[] = [];
  const listeners = new Set<() => void>();
  const answerListeners = new Set<(scan: OutboxScan) => void>();
  let lastOrder = 0;
  let flushing: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  /** Scans being written to IndexedDB right now, already seen by the next scan's duplicate check. */
  const inFlight = new Map<string, OutboxScan>();
  let failures = 0;
  let cancelRetry: (() => void) | null = null;
  let starts = 0;

  function changed(): void {
    ordered = [...byKey.values()].sort((a, b) => a.order - b.order);
    for (const l of listeners) l();
  }

  async function keep(scans: readonly OutboxScan[]): Promise<void> {
    await store.put(scans);
    for (const s of scans) byKey.set(s.key, s);
    changed();
  }

  let unavailable: unknown = null;
  const ready = store.load(userId, now()).then(
    (loaded) => {
      for (const s of loaded) {
        byKey.set(s.key, s);
        lastOrder = Math.max(lastOrder, s.order);
      }
      changed();
    },
    (error: unknown) => {
      // No IndexedDB here (blocked by the browser's settings): nothing to send, and no scan
      // can be kept, so `add` refuses rather than risk losing one.
      unavailable = error;
    },
  );

  function seenBefore(scan: NewScan): boolean {
    const key = taskKey(scan.districtId, scan.task);
    return [...ordered, ...inFlight.values()].some(
      (s) => s.serial === scan.serial && scanTaskKey(s) === key && (s.status === 'pending' || COUNTED.has(s.result?.outcome ?? '')),
    );
  }

  async function add(scan: NewScan): Promise<OutboxScan> {
    await ready;
    if (unavailable !== null) throw new OutboxUnavailableError(unavailable);
    const at = now();
    lastOrder = Math.max(lastOrder + 1, at * 1000);
    const entry: OutboxScan = {
      ...scan,
      key: newKey(),
      userId,
      scannedAt: new Date(at).toISOString(),
      order: lastOrder,
      status: 'pending',
      attempts: 0,
      seenBefore: seenBefore(scan),
    };
    inFlight.set(entry.key, entry);
    try {
      await keep([entry]);
    } finally {
      inFlight.delete(entry.key);
    }
    void flush();
    return entry;
  }

  /** The oldest pending scans, one per serial and task, so a batch never races a serial with itself. */
  function nextBatch(): OutboxScan[] {
    const batch: OutboxScan[] = [];
    const serials = new Set<string>();
    for (const s of ordered) {
      if (s.status !== 'pending') continue;
      const id = `${scanTaskKey(s)} ${s.serial}`;
      if (serials.has(id)) continue;
      serials.add(id);
      batch.push(s);
      if (batch.length === SEND_BATCH) break;
    }
    return batch;
  }

  /** Sends one batch in one request; true when every scan in it got an answer. */
  async function sendBatch(batch: readonly OutboxScan[]): Promise<boolean> {
    const settled = await Promise.allSettled(batch.map((s) => send(wireOf(s))));
    const next = batch.map((s, i): OutboxScan => {
      const outcome = settled[i];
      if (outcome?.status === 'fulfilled') return withoutError({ ...s, status: 'done', result: outcome.value });
      const error = storedError(outcome?.reason);
      return { ...s, status: isRefusal(error, outcome?.reason) ? 'failed' : 'pending', attempts: s.attempts + 1, error };
    });
    await keep(next);
    for (const s of next) if (s.status !== 'pending') for (const l of answerListeners) l(s);
    return next.every((s) => s.status !== 'pending');
  }

  async function drain(): Promise<void> {
    for (;;) {
      const batch = nextBatch();
      if (batch.length === 0) break;
      if (!(await sendBatch(batch))) {
        retryLater();
        return;
      }
      failures = 0;
    }
  }

  function retryLater(): void {
    cancelRetry?.();
    const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] ?? 30_000;
    failures += 1;
    cancelRetry = schedule(() => {
      cancelRetry = null;
      void flush();
    }, wait);
  }

  /**
   * Resolves once a drain that began after this call has finished: the one running now is
   * followed by one more, shared by every caller meanwhile. Never two drains at once, so no
   * scan is ever in two requests at the same time.
   */
  function flush(): Promise<void> {
    if (!flushing) return runDrain();
    queued ??= flushing.then(() => {
      queued = null;
      return flushing ?? runDrain();
    });
    return queued;
  }

  function runDrain(): Promise<void> {
    cancelRetry?.();
    cancelRetry = null;
    const run = ready.then(drain).finally(() => {
      if (flushing === run) flushing = null;
    });
    flushing = run;
    return run;
  }

  function onOnline(): void {
    failures = 0;
    void flush();
  }

  function start(): () => void {
    starts += 1;
    if (starts === 1) window.addEventListener('online', onOnline);
    void flush();
    return () => {
      starts -= 1;
      if (starts > 0) return;
      window.removeEventListener('online', onOnline);
      cancelRetry?.();
      cancelRetry = null;
    };
  }

  return {
    scans: () => ordered,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    onAnswer(listener) {
      answerListeners.add(listener);
      return () => answerListeners.delete(listener);
    },
    add,
    flush,
    start,
    ready,
  };
}

/** The browser cannot keep scans (no IndexedDB, or it refused to open it). */
export class OutboxUnavailableError extends Error {
  constructor(cause: unknown) {
    super('This browser cannot keep scans on the device', { cause });
  }
}

function wireOf(s: OutboxScan): RecordScanWire {
  return { districtId: s.districtId, task: s.task, serial: s.serial, key: s.key, scannedAt: s.scannedAt, via: s.via, ...(s.flc ? { flc: s.flc } : {}) };
}

function withoutError(s: OutboxScan): OutboxScan {
  const { error: _dropped, ...rest } = s;
  return rest;
}

function defaultSchedule(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}

/** A random (v4) UUID; crypto.randomUUID exists only on https or localhost pages. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
