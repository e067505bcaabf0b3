import {
  ZERO_HASH_HEX,
  checkpointText,
  entryText,
  formatVkey,
  keyIdEd25519,
  leafHash,
  newCompleteNodes,
  publicKeyFromSeed,
  rootFromLeafHashes,
  signNote,
  toHex,
  utf8Encode,
  type TreeNode,
} from '@evmtrail/shared';
import { formatIstTimestamp, serverDevice } from '@evmtrail/api/services';

import { plantOf } from '../demo/sites.ts';
import { deriveBytes, Prng } from '../lib/prng.ts';
import { nationalSerial, type PlannedDistrict } from './plan.ts';

/*
 * One district's custody log, computed in memory: a RECEIPT entry per consignment (one lot of
 * up to 100 units from the plant to the district warehouse), RFC 6962 leaf hashes, every
 * complete subtree node, the device chain of the district's server device, and a checkpoint
 * signed with the district key derived from the seed. Entries follow EVMLOG/1 §5.4 exactly as
 * the api writes them (same fields, same server device name), with a seeded salt.
 */

const HOUR_MS = 60 * 60 * 1000;
const FIRST_RECEIPT_MS = Date.parse('2026-01-05T05:30:00.000Z'); // 11:00 IST

export function warehouseCode(district: PlannedDistrict): string {
  return `WH-${district.tag}-01`;
}


export interface DistrictKeyRow {
  readonly keyId: string;
  readonly keyName: string;
  readonly vkey: string;
  readonly privateSeed: Uint8Array;
}

export interface LogEntryRow {
  readonly idx: number;
  readonly entry: string;
  readonly leafHash: Uint8Array;
  readonly ts: Date;
  readonly actor: string;
  readonly devSeq: number;
}

export interface DistrictLog {
  readonly entries: LogEntryRow[];
  readonly nodes: TreeNode[];
  readonly rootHash: Uint8Array;
  readonly key: DistrictKeyRow;
  readonly checkpointNote: string;
  readonly device: string;
  readonly lastLeafHash: Uint8Array;
  readonly updatedAt: Date;
}


function districtKey(seed: string, district: PlannedDistrict): DistrictKeyRow {
  const privateSeed = deriveBytes(seed, `national/district-key/${district.code}`);
  const publicKey = publicKeyFromSeed(privateSeed);
  return {
    keyId: toHex(keyIdEd25519(district.origin, publicKey)),
    keyName: district.origin,
    vkey: formatVkey(district.origin, publicKey),
    privateSeed,
  };
}

/** Receipt time of consignment `i`: one an hour from 5 Jan 2026. */
export function receiptTime(i: number): Date {
  return new Date(FIRST_RECEIPT_MS + i * HOUR_MS);
}

export function buildDistrictLog(seed: string, district: PlannedDistrict): DistrictLog {
  const rng = new Prng(`evmtrail-national|${seed}|log|${district.code}`);
  const device = serverDevice(district.origin);
  const actor = `warehouse.${district.code.toLowerCase()}`;
  const entries: LogEntryRow[] = [];
  const leaves: Uint8Array[] = [];
  const nodes: TreeNode[] = [];
  const stored = new Map<string, Uint8Array>();
  let prev = ZERO_HASH_HEX;
  district.lots.forEach((lot, idx) => {
    const ts = receiptTime(idx);
    const text = entryText({
      v: 1, log: district.origin, ts: formatIstTimestamp(ts), type: 'RECEIPT',
      units: Array.from({ length: lot.size }, (_, k) => nationalSerial(lot, k)),
      from: plantOf(lot.maker).code, to: warehouseCode(district), actor,
      witnesses: [], seals: [], dev: device, devSeq: idx + 1, devPrev: prev,
      salt: toHex(rng.bytes(16)), event: 'receive', state: 'in_warehouse',
      reason: `Consignment CON-${district.tag}-2026-${String(idx + 1).padStart(4, '0')} (${lot.size} units, ${lot.maker})`,
    });
    const hash = leafHash(utf8Encode(text));
    for (const node of newCompleteNodes(idx, hash, (level, index) => mustGet(stored, level, index))) {
      stored.set(`${node.level}:${node.index}`, node.hash);
      nodes.push(node);
    }
    leaves.push(hash);
    entries.push({ idx, entry: text, leafHash: hash, ts, actor, devSeq: idx + 1 });
    prev = toHex(hash);
  });
  const rootHash = rootFromLeafHashes(leaves);
  const key = districtKey(seed, district);
  const checkpointNote = signNote(checkpointText(district.origin, entries.length, rootHash), key.keyName, key.privateSeed);
  const last = entries[entries.length - 1];
  return {
    entries, nodes, rootHash, key, checkpointNote, device,
    lastLeafHash: last?.leafHash ?? new Uint8Array(32),
    updatedAt: last?.ts ?? receiptTime(0),
  };
}

function mustGet(stored: ReadonlyMap<string, Uint8Array>, level: number, index: number): Uint8Array {
  const hash = stored.get(`${level}:${index}`);
  if (!hash) throw new Error(`Merkle node ${level}/${index} missing while building the log`);
  return hash;
}
