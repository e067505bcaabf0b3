import { serverDevice, type BulkDistrictLog } from '@evmtrail/api/services';
import { LogBuilder, MemoryNodeStore, checkpointKey, signCheckpointNote, type AppendedEntry, type CheckpointKey } from '@evmtrail/shared';

import { plantOf } from '../demo/sites.ts';
import { deriveBytes, Prng } from '../lib/prng.ts';
import { nationalSerial, type PlannedDistrict } from './plan.ts';

/*
 * One district's custody log, written in memory by the shared log writer (LogBuilder): a
 * RECEIPT entry per consignment (one lot of up to 100 units from the plant to the district
 * warehouse) by the district's server device, with a seeded salt, and a checkpoint signed with
 * the district key derived from the seed. The api's bulk log repository stores it.
 */

const HOUR_MS = 60 * 60 * 1000;
const FIRST_RECEIPT_MS = Date.parse('2026-01-05T05:30:00.000Z'); // 11:00 IST
const KEY_CREATED_AT = new Date('2026-01-01T00:00:00Z');

export function warehouseCode(district: PlannedDistrict): string {
  return `WH-${district.tag}-01`;
}

/** Receipt time of consignment `i`: one an hour from 5 Jan 2026. */
export function receiptTime(i: number): Date {
  return new Date(FIRST_RECEIPT_MS + i * HOUR_MS);
}

export interface DistrictLog {
  readonly entries: AppendedEntry[];
  readonly bulk: BulkDistrictLog;
}

function districtKey(seed: string, district: PlannedDistrict): CheckpointKey {
  return checkpointKey(district.origin, deriveBytes(seed, `national/district-key/${district.code}`));
}

export function buildDistrictLog(seed: string, district: PlannedDistrict, districtId: number): DistrictLog {
  const rng = new Prng(`evmtrail-national|${seed}|log|${district.code}`);
  const builder = new LogBuilder({ origin: district.origin, size: 0, nodes: new MemoryNodeStore(), salt: () => rng.bytes(16) });
  const actor = `warehouse.${district.code.toLowerCase()}`;
  const entries = district.lots.map((lot, idx) => builder.append({
    type: 'RECEIPT', event: 'receive', state: 'in_warehouse',
    units: Array.from({ length: lot.size }, (_, k) => nationalSerial(lot, k)),
    from: plantOf(lot.maker).code, to: warehouseCode(district), actor,
    reason: `Consignment CON-${district.tag}-2026-${String(idx + 1).padStart(4, '0')} (${lot.size} units, ${lot.maker})`,
  }, receiptTime(idx)));
  const key = districtKey(seed, district);
  const rootHash = builder.root();
  const devices = builder.touchedDevices();
  return {
    entries,
    bulk: {
      districtId, origin: district.origin, size: builder.size, rootHash, nodes: builder.takeNewNodes(),
      devices: devices.length > 0 ? devices : [{ dev: serverDevice(district.origin), seq: 0, lastLeafHash: new Uint8Array(32) }],
      key, keyCreatedAt: KEY_CREATED_AT,
      checkpointNote: signCheckpointNote(key, district.origin, builder.size, rootHash),
      updatedAt: entries[entries.length - 1]?.ts ?? receiptTime(0),
    },
  };
}
