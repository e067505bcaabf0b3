import { describe, expect, it } from 'vitest';
import {
  LogBuilder,
  MemoryNodeStore,
  checkpointKey,
  frontierOf,
  leafHash,
  makeBundle,
  rootFromLeafHashes,
  serverDevice,
  sha256,
  toHex,
  utf8Encode,
  verifyBundle,
  type LogEntryDraft,
  type TreeNode,
} from '../../src/log/index.ts';

const ORIGIN = 'evm-custody.test/GE2029/D0003';
const KEY = checkpointKey(ORIGIN, sha256(utf8Encode('builder test key (test only)')));
const START = Date.parse('2029-03-01T03:30:00Z');

function draft(i: number): LogEntryDraft {
  return {
    type: 'MOVE', event: 'unit_moved', units: [`BU-${String(300000 + i)}`], from: 'WH-D0003-01', to: 'SR-AC003',
    actor: 'warehouse.d0003', seals: [`PINK-${i}`], ...(i % 3 === 0 ? {} : { dev: `TAB-D0003-0${i % 3}` }),
  };
}

function saltSource(): () => Uint8Array {
  let n = 0;
  return () => sha256(utf8Encode(`salt ${n++}`)).slice(0, 16);
}

describe('LogBuilder', () => {
  it('writes entries a verifier accepts: IST time, server device by default, chained per device', () => {
    const builder = new LogBuilder({ origin: ORIGIN, size: 0, nodes: new MemoryNodeStore(), salt: saltSource() });
    const appended = Array.from({ length: 9 }, (_, i) => builder.append(draft(i), new Date(START + i * 60_000)));
    expect(appended[0]?.entry).toMatchObject({ ts: '2029-03-01T09:00:00+05:30', dev: serverDevice(ORIGIN), devSeq: 1, devPrev: '0'.repeat(64) });
    expect(appended[3]?.entry).toMatchObject({ dev: serverDevice(ORIGIN), devSeq: 2, devPrev: toHex(appended[0]?.leafHash ?? new Uint8Array()) });
    expect(builder.root()).toEqual(rootFromLeafHashes(appended.map((a) => leafHash(utf8Encode(a.text)))));
    const bundle = makeBundle({ origin: ORIGIN, key: KEY, entries: appended.map((a) => a.text) });
    expect(verifyBundle(bundle, { trustedLogVkeys: [KEY.vkey] })).toMatchObject({ ok: true, value: { size: 9, rootHex: toHex(builder.root()) } });
  });

  it('continues a log from its frontier and device heads alone, as the api does per transaction', () => {
    const salt = saltSource();
    const whole = new LogBuilder({ origin: ORIGIN, size: 0, nodes: new MemoryNodeStore(), salt: saltSource() });
    const all = Array.from({ length: 23 }, (_, i) => whole.append(draft(i), new Date(START + i * 60_000)));
    const stored: TreeNode[] = [];
    let size = 0;
    let devices = new LogBuilder({ origin: ORIGIN, size: 0, nodes: new MemoryNodeStore(), salt }).touchedDevices();
    for (const batch of [5, 1, 10, 7]) {
      const frontier = new MemoryNodeStore(frontierOf(size).map((id) => {
        const node = stored.find((n) => n.level === id.level && n.index === id.index);
        if (!node) throw new Error(`frontier node ${id.level}/${id.index} not stored`);
        return node;
      }));
      const part = new LogBuilder({ origin: ORIGIN, size, nodes: frontier, devices, salt });
      for (let i = size; i < size + batch; i++) expect(part.append(draft(i), new Date(START + i * 60_000)).text).toBe(all[i]?.text);
      stored.push(...part.takeNewNodes());
      devices = [...new Map([...devices, ...part.touchedDevices()].map((d) => [d.dev, d])).values()];
      size += batch;
      expect(part.root()).toEqual(rootFromLeafHashes(all.slice(0, size).map((a) => a.leafHash)));
    }
    expect(stored).toHaveLength(all.length * 2 - 4); // 2n - popcount(23) complete subtrees
  });

  it('refuses to extend a tree whose frontier it was not given', () => {
    const builder = new LogBuilder({ origin: ORIGIN, size: 3, nodes: new MemoryNodeStore(), salt: saltSource() });
    expect(() => builder.append(draft(3), new Date(START))).toThrow(/Merkle node 0\/2 of log .* is missing/);
  });

  it('never writes an entry the schema rejects', () => {
    const builder = new LogBuilder({ origin: ORIGIN, size: 0, nodes: new MemoryNodeStore(), salt: saltSource() });
    expect(() => builder.append({ ...draft(0), type: 'move' }, new Date(START))).toThrow();
    expect(builder.size).toBe(0);
  });
});
