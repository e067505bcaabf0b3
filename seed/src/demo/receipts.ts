import type { DB } from '@evmtrail/api/db';
import { acceptManifest, completeReceipt, createReceipt, recordScan, uploadManifestChunk, type Actor } from '@evmtrail/api/services';
import type { DistrictId, Maker, UnitSerial } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

/**
 * Supply orders of the demo district, put through the receipt flows by the services (issue 7
 * item 8): one from BEL received in full and completed, one from ECIL still being received, with
 * units left to scan and an orphan waiting for the DEO, so `warehouse.pune` has work to do.
 */
export interface DemoReceiptsInput {
  readonly districtId: number;
  readonly destinationId: number;
  readonly warehouse: Actor;
  readonly startAt: Date;
}

export interface DemoReceiptsReport {
  readonly receipts: number;
  readonly units: number;
  readonly lastAt: Date;
}

const STEP_MS = 60 * 1000;

interface Order {
  readonly maker: Maker;
  readonly orderRef: string;
  /** Units per kind; serials <kind><maker><model 3><80nnnn>, a range the generated units never reach. */
  readonly perKind: number;
  readonly scanned: number;
  readonly orphan?: string;
  readonly complete: boolean;
}

const ORDERS: readonly Order[] = [
  { maker: 'BEL', orderRef: 'SO-BEL-2026-0417', perKind: 8, scanned: 24, complete: true },
  { maker: 'ECIL', orderRef: 'SO-ECIL-2026-0233', perKind: 10, scanned: 18, orphan: 'BUE3809999', complete: false },
];

function serialsOf(order: Order): Array<{ kind: 'BU' | 'CU' | 'VVPAT'; serial: string }> {
  const letter = order.maker === 'BEL' ? 'B' : 'E';
  return (['BU', 'CU', 'VVPAT'] as const).flatMap((kind) => Array.from({ length: order.perKind }, (_, i) => ({
    kind, serial: `${kind === 'VVPAT' ? 'VV' : kind}${letter}3${String(800_001 + i)}`,
  })));
}

/** A fixed, valid version-4 UUID per scan, so the seed stays deterministic. */
function scanKey(n: number): string {
  return `5eed0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }, what: string): T {
  if (!result.ok) throw new Error(`demo receipts: ${what}: ${result.error.message}`);
  return result.value;
}

export async function seedDemoReceipts(db: Kysely<DB>, input: DemoReceiptsInput): Promise<DemoReceiptsReport> {
  let at = input.startAt.getTime();
  const tick = () => new Date((at += STEP_MS));
  let keys = 0;
  let units = 0;
  const base = { actor: input.warehouse, districtId: input.districtId };
  for (const order of ORDERS) {
    const lines = serialsOf(order);
    const receipt = must(await createReceipt(db, { ...base, maker: order.maker, orderRef: order.orderRef, destinationId: input.destinationId, now: tick() }), order.orderRef);
    const csv = ['kind,model,serial,year', ...lines.map((l) => `${l.kind},M3,${l.serial},2025`)].join('\n');
    must(await uploadManifestChunk(db, { districtId: input.districtId, receiptId: receipt.id, firstLine: 1, text: csv }), `${order.orderRef} upload`);
    must(await acceptManifest(db, { ...base, receiptId: receipt.id, excludeProblemLines: false, now: tick() }), `${order.orderRef} accept`);
    units += lines.length;
    const scans = [...lines.slice(0, order.scanned).map((l) => l.serial), lines[0]?.serial ?? '', ...(order.orphan ? [order.orphan] : [])];
    for (const serial of scans) {
      const now = tick();
      must(await recordScan(db, {
        ...base, districtId: input.districtId as DistrictId, task: { kind: 'receipt', id: receipt.id }, serial: serial as UnitSerial,
        key: scanKey((keys += 1)), scannedAt: now.toISOString(), via: 'wedge', now,
      }), `${order.orderRef} scan ${serial}`);
    }
    if (order.complete) must(await completeReceipt(db, { ...base, receiptId: receipt.id, unsyncedScans: 0, now: tick() }), `${order.orderRef} complete`);
  }
  return { receipts: ORDERS.length, units, lastAt: new Date(at) };
}
