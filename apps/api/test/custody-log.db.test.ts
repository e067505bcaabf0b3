import {
  ROLES,
  ZERO_HASH_HEX,
  fromHex,
  leafHash,
  parseCheckpoint,
  parseEntry,
  parseNote,
  rootFromLeafHashes,
  toHex,
  utf8Encode,
  verifyBundle,
  verifyConsistency,
  verifyInclusion,
  verifyNote,
} from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { appendEntries, type LogEntryDraft } from '../src/modules/custody/log.service.ts';
import { applyUnitEvent, type Actor } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';
import { trpcError } from './errors.ts';

/*
 * The Pune custody log grown through the service in batches that cross power-of-two sizes,
 * then checked the way an observer would: roots, inclusion and consistency proofs, the signed
 * checkpoint, device chains and the export bundle, all with the shared verifier.
 */

const BATCHES = [1, 2, 3, 7, 16, 33] as const;
const DEVICES = [undefined, 'TAB-PUNE-01', 'TAB-PUNE-02'] as const;

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
let deo: Awaited<ReturnType<typeof callerFor>>;

interface SignedAt {
  readonly size: number;
  readonly root: Uint8Array;
}
/** Checkpoints signed after each batch, oldest first. */
const checkpoints: SignedAt[] = [];


async function storedEntries(districtId: number) {
  const rows = await db.selectFrom('logEntries').select(['idx', 'entry', 'leafHash', 'dev', 'devSeq']).where('districtId', '=', districtId).orderBy('idx').execute();
  return rows.map((r) => ({ ...r, leafHash: new Uint8Array(r.leafHash) }));
}

async function logHead(districtId: number) {
  const head = await db.selectFrom('districtLogs').select(['size', 'rootHash']).where('districtId', '=', districtId).executeTakeFirstOrThrow();
  return { size: head.size, root: new Uint8Array(head.rootHash) };
}

function draft(n: number): LogEntryDraft {
  const dev = DEVICES[n % DEVICES.length];
  return {
    type: n % 2 === 0 ? 'MOVE' : 'SEAL_APPLY',
    event: 'test_event',
    units: [`BUT${String(3000000 + n)}`, ...(n % 5 === 0 ? [`CUT${String(3000000 + n)}`] : [])],
    from: 'WH-PUNE-01',
    to: 'SR-AC210',
    actor: 'warehouse.test',
    witnesses: n % 3 === 0 ? ['P01-REP-01'] : [],
    seals: [`SEAL-${n}`],
    ...(dev ? { dev } : {}),
  };
}

function flipHexDigit(hex: string, at = 0): string {
  const c = hex[at] === '0' ? '1' : '0';
  return `${hex.slice(0, at)}${c}${hex.slice(at + 1)}`;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  deo = await callerFor(db, world.users.deo);
});

afterAll(async () => {
  await tdb.dispose();
});

describe('appendEntries in batches', () => {
  let next = 0;

  test('the fixture left entries 0 and 1 in the Pune log', async () => {
    expect((await logHead(pune)).size).toBe(2);
    const first = await deo.log.checkpoint({ districtId: pune });
    checkpoints.push({ size: first.size, root: fromHex(first.rootHex) });
  });

  test.each(BATCHES)('a batch of %i entries: indices follow on and the root is MTH of the stored leaves', async (count) => {
    const before = await logHead(pune);
    const drafts = Array.from({ length: count }, () => draft(next++));
    const result = await db.transaction().execute((tx) => appendEntries(tx, pune, drafts, world.now));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.indices).toEqual(Array.from({ length: count }, (_, i) => before.size + i));
    expect(result.value.size).toBe(before.size + count);

    const entries = await storedEntries(pune);
    expect(entries.map((e) => e.idx)).toEqual(Array.from({ length: before.size + count }, (_, i) => i));
    for (const e of entries) expect(toHex(e.leafHash), `leaf ${e.idx}`).toBe(toHex(leafHash(utf8Encode(e.entry))));
    const expectedRoot = toHex(rootFromLeafHashes(entries.map((e) => e.leafHash)));
    expect(result.value.rootHex).toBe(expectedRoot);
    expect(toHex((await logHead(pune)).root)).toBe(expectedRoot);

    const signed = await deo.log.checkpoint({ districtId: pune });
    expect(signed.size).toBe(before.size + count);
    expect(signed.rootHex).toBe(expectedRoot);
    checkpoints.push({ size: signed.size, root: fromHex(signed.rootHex) });
  });

  test('the sizes crossed every power of two up to 64', () => {
    expect(checkpoints.map((c) => c.size)).toEqual([2, 3, 5, 8, 15, 31, 64]);
  });

  test('an append that fails rolls back with its transaction', async () => {
    const before = await logHead(pune);
    await expect(
      db.transaction().execute(async (tx) => {
        const result = await appendEntries(tx, pune, [draft(1000)], world.now);
        expect(result.ok).toBe(true);
        throw new Error('caller gives up');
      }),
    ).rejects.toThrow('caller gives up');
    expect(await logHead(pune)).toEqual(before);
    expect((await storedEntries(pune)).length).toBe(before.size);
  });

  test('a district with no log is refused', async () => {
    const result = await db.transaction().execute((tx) => appendEntries(tx, 999, [draft(0)], world.now));
    expect(result).toMatchObject({ ok: false, error: { type: 'log_not_found' } });
    expect(!result.ok && result.error.message).toContain('999');
  });
});

describe('proofs against signed checkpoints', () => {
  test('the checkpoint note verifies with the district vkey and names the log origin', async () => {
    const checkpoint = await deo.log.checkpoint({ districtId: pune });
    const key = await db.selectFrom('districtKeys').select(['vkey', 'keyName']).where('districtId', '=', pune).executeTakeFirstOrThrow();
    expect(checkpoint.logVkey).toBe(key.vkey);
    expect(checkpoint.origin).toBe('evmtrail.test/MH-PUNE');

    const verified = verifyNote(checkpoint.note, [key.vkey]);
    if (!verified.ok) throw new Error(verified.error.message);
    expect(verified.value.verifiedBy).toEqual(['evmtrail.test/MH-PUNE']);
    const parsed = parseCheckpoint(verified.value.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.origin).toBe('evmtrail.test/MH-PUNE');
    expect(parsed.value.size).toBe(64);
    expect(toHex(parsed.value.root)).toBe(checkpoint.rootHex);

    // Another district's key does not vouch for it, and a changed size breaks the signature.
    const mumbaiKey = await db.selectFrom('districtKeys').select('vkey').where('districtId', '=', world.districts.mumbai).executeTakeFirstOrThrow();
    expect(verifyNote(checkpoint.note, [mumbaiKey.vkey])).toMatchObject({ ok: false, error: { type: 'no_verified_signature' } });
    expect(verifyNote(checkpoint.note.replace('\n64\n', '\n65\n'), [key.vkey]).ok).toBe(false);
  });

  test('signing again at the same size returns the stored checkpoint', async () => {
    const a = await deo.log.checkpoint({ districtId: pune });
    const b = await deo.log.checkpoint({ districtId: pune });
    expect(b).toEqual(a);
    const rows = await db.selectFrom('logCheckpoints').select('treeSize').where('districtId', '=', pune).orderBy('treeSize').execute();
    expect(rows.map((r) => r.treeSize)).toEqual(checkpoints.map((c) => c.size));
  });

  test('every inclusion proof for every index verifies against every signed checkpoint', async () => {
    const leaves = (await storedEntries(pune)).map((e) => e.leafHash);
    let checked = 0;
    for (const { size, root } of checkpoints) {
      const latest = size === 64;
      for (let index = 0; index < size; index += 1) {
        const answer = await deo.log.inclusionProof({ districtId: pune, index, ...(latest ? {} : { treeSize: size }) });
        expect(answer.treeSize).toBe(size);
        const proof = answer.proof.map(fromHex);
        const leaf = leaves[index] ?? new Uint8Array(0);
        expect(verifyInclusion(index, size, leaf, proof, root), `index ${index} in tree ${size}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBe(2 + 3 + 5 + 8 + 15 + 31 + 64);
  });

  test('a tampered proof, leaf, index or root does not verify', async () => {
    const leaves = (await storedEntries(pune)).map((e) => e.leafHash);
    const { size, root } = checkpoints.at(-1) ?? { size: 0, root: new Uint8Array(0) };
    for (const index of [0, 1, 31, 32, 62, 63]) {
      const { proof: hex } = await deo.log.inclusionProof({ districtId: pune, index });
      const proof = hex.map(fromHex);
      const leaf = leaves[index] ?? new Uint8Array(0);
      const other = leaves[(index + 1) % size] ?? new Uint8Array(0);
      expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
      for (let p = 0; p < hex.length; p += 1) {
        const tampered = hex.map((h, i) => fromHex(i === p ? flipHexDigit(h, 10) : h));
        expect(verifyInclusion(index, size, leaf, tampered, root), `proof element ${p} of index ${index}`).toBe(false);
      }
      expect(verifyInclusion(index, size, other, proof, root)).toBe(false);
      expect(verifyInclusion(index, size, fromHex(flipHexDigit(toHex(leaf))), proof, root)).toBe(false);
      expect(verifyInclusion((index + 1) % size, size, leaf, proof, root)).toBe(false);
      expect(verifyInclusion(index, size, leaf, proof.slice(1), root)).toBe(false);
      expect(verifyInclusion(index, size, leaf, proof, fromHex(flipHexDigit(toHex(root), 63)))).toBe(false);
    }
  });

  test('a consistency proof from every earlier checkpoint to the current one verifies, and between every pair', async () => {
    const current = checkpoints.at(-1);
    if (!current) throw new Error('no checkpoints');
    for (const old of checkpoints) {
      const answer = await deo.log.consistencyProof({ districtId: pune, fromSize: old.size });
      expect(answer.toSize).toBe(current.size);
      expect(verifyConsistency(old.size, current.size, answer.proof.map(fromHex), old.root, current.root), `${old.size} -> ${current.size}`).toBe(true);
    }
    for (const [i, a] of checkpoints.entries()) {
      for (const b of checkpoints.slice(i + 1)) {
        const { proof } = await deo.log.consistencyProof({ districtId: pune, fromSize: a.size, toSize: b.size });
        expect(verifyConsistency(a.size, b.size, proof.map(fromHex), a.root, b.root), `${a.size} -> ${b.size}`).toBe(true);
      }
    }
  });

  test('a tampered consistency proof or a forked old root does not verify', async () => {
    const current = checkpoints.at(-1);
    if (!current) throw new Error('no checkpoints');
    for (const old of checkpoints.filter((c) => c.size !== current.size)) {
      const { proof } = await deo.log.consistencyProof({ districtId: pune, fromSize: old.size });
      const hex = proof;
      for (let p = 0; p < hex.length; p += 1) {
        const tampered = hex.map((h, i) => fromHex(i === p ? flipHexDigit(h, 5) : h));
        expect(verifyConsistency(old.size, current.size, tampered, old.root, current.root), `element ${p} from ${old.size}`).toBe(false);
      }
      const forked = fromHex(flipHexDigit(toHex(old.root), 2));
      expect(verifyConsistency(old.size, current.size, proof.map(fromHex), forked, current.root)).toBe(false);
    }
  });

  test.each([
    ['an index at the tree size', { index: 64 }, '64'],
    ['an index far beyond the log', { index: 100_000 }, '100000'],
    ['an index at an explicit tree size', { index: 10, treeSize: 10 }, '10'],
    ['a tree size beyond the log', { index: 3, treeSize: 65 }, '65'],
  ])('an out-of-range inclusion proof (%s) is a BAD_REQUEST naming it', async (_name, input, named) => {
    const error = await trpcError(deo.log.inclusionProof({ districtId: pune, ...input }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain(named);
  });

  test.each([
    ['a start beyond the log', { fromSize: 65 }, '65'],
    ['an end beyond the log', { fromSize: 3, toSize: 70 }, '70'],
    ['an end before the start', { fromSize: 8, toSize: 5 }, '5'],
  ])('an out-of-range consistency proof (%s) is a BAD_REQUEST naming it', async (_name, input, named) => {
    const error = await trpcError(deo.log.consistencyProof({ districtId: pune, ...input }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain(named);
  });
});

describe('device chains', () => {
  test('devSeq is contiguous and devPrev chains per device, and device_heads holds each head', async () => {
    const entries = await storedEntries(pune);
    const heads = new Map<string, { seq: number; leaf: string }>();
    for (const row of entries) {
      const parsed = parseEntry(row.entry);
      if (!parsed.ok) throw new Error(`entry ${row.idx}: ${parsed.error.message}`);
      const entry = parsed.value;
      expect(entry.log).toBe('evmtrail.test/MH-PUNE');
      expect(entry.dev).toBe(row.dev);
      expect(entry.devSeq).toBe(row.devSeq);
      const head = heads.get(entry.dev);
      expect(entry.devSeq, `entry ${row.idx} of ${entry.dev}`).toBe((head?.seq ?? 0) + 1);
      expect(entry.devPrev, `entry ${row.idx} of ${entry.dev}`).toBe(head?.leaf ?? ZERO_HASH_HEX);
      heads.set(entry.dev, { seq: entry.devSeq, leaf: toHex(row.leafHash) });
    }
    expect([...heads.keys()].sort()).toEqual(['SRV:evmtrail.test/MH-PUNE', 'TAB-PUNE-01', 'TAB-PUNE-02']);
    const stored = await db.selectFrom('deviceHeads').select(['dev', 'seq', 'lastLeafHash']).where('districtId', '=', pune).orderBy('dev').execute();
    expect(stored.map((d) => ({ dev: d.dev, seq: d.seq, leaf: toHex(new Uint8Array(d.lastLeafHash)) }))).toEqual(
      [...heads.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([dev, h]) => ({ dev, seq: h.seq, leaf: h.leaf })),
    );
  });
});

describe('export bundle', () => {
  let bundle = '';
  let vkey = '';

  beforeAll(async () => {
    const exported = await deo.log.exportBundle({ districtId: pune });
    expect(exported.size).toBe(64);
    expect(exported.filename).toBe('evmtrail.test_MH-PUNE-64.evmlog.json');
    bundle = exported.bundle;
    vkey = (await deo.log.checkpoint({ districtId: pune })).logVkey;
  });

  test('passes the offline verifier, trusting the district key', async () => {
    const checkpoint = await deo.log.checkpoint({ districtId: pune });
    const result = verifyBundle(bundle, { trustedLogVkeys: [vkey] });
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.value).toMatchObject({ origin: 'evmtrail.test/MH-PUNE', size: 64, rootHex: checkpoint.rootHex, signedBy: 'evmtrail.test/MH-PUNE' });
  });

  /** The bundle with the character at `at` replaced by another of the same class (so the JSON stays well formed). */
  function changeOneByte(at: number): string {
    const c = bundle[at] ?? '';
    const replacement = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : /[a-z]/.test(c) ? (c === 'a' ? 'b' : 'a') : c === 'A' ? 'B' : 'A';
    const changed = `${bundle.slice(0, at)}${replacement}${bundle.slice(at + 1)}`;
    expect(changed.length).toBe(bundle.length);
    expect(changed).not.toBe(bundle);
    return changed;
  }

  /** Where `needle` (plus `offset`) is inside entry `index`, as that entry is escaped in the bundle text. */
  function inEntry(index: number, needle: string, offset: number): number {
    const { entries } = JSON.parse(bundle) as { entries: string[] };
    const escaped = JSON.stringify(entries[index]).slice(1, -1);
    const start = bundle.indexOf(escaped);
    expect(start).toBeGreaterThan(0);
    expect(escaped.indexOf(needle)).toBeGreaterThanOrEqual(0);
    return start + escaped.indexOf(needle) + offset;
  }

  test.each([
    // `salt\":\"` is 8 characters in the escaped text; the change lands in the hex salt.
    ['the salt of entry 5', () => inEntry(5, 'salt', 11), /^the entry has been changed/],
    ['the actor of entry 40', () => inEntry(40, 'warehouse.test', 2), /^the entry has been changed/],
    ['the seal of entry 63', () => inEntry(63, 'SEAL-', 5), /^the entry has been changed/],
    ['the checkpoint tree size', () => bundle.indexOf('\\n64\\n') + 3, /checkpoint/],
    ['the checkpoint root', () => bundle.indexOf('\\n64\\n') + 8, /checkpoint/],
    ['the checkpoint signature', () => bundle.indexOf('\u2014 evmtrail.test/MH-PUNE ') + 30, /checkpoint/],
    ['the vkey public key', () => bundle.indexOf(vkey) + vkey.length - 10, /logVkey/],
    ['the vkey key id', () => bundle.indexOf(vkey) + vkey.indexOf('+') + 2, /logVkey/],
  ])('fails when one byte of %s changes', (_where, position, reason) => {
    const at = position();
    expect(at).toBeGreaterThan(0);
    const result = verifyBundle(changeOneByte(at));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.reason).toMatch(reason);
  });

  test('fails when an entry is dropped or two entries swap', () => {
    const parsed = JSON.parse(bundle) as { entries: string[] } & Record<string, unknown>;
    const reencode = (entries: string[]) => JSON.stringify({ ...parsed, entries }, Object.keys(parsed).sort());
    expect(verifyBundle(reencode(parsed.entries)).ok).toBe(true);
    expect(verifyBundle(reencode(parsed.entries.slice(0, -1))).ok).toBe(false);
    const swapped = [...parsed.entries];
    [swapped[10], swapped[11]] = [swapped[11] ?? '', swapped[10] ?? ''];
    expect(verifyBundle(reencode(swapped)).ok).toBe(false);
  });

  test('the bundle checkpoint is the signed checkpoint note', async () => {
    const parsed = JSON.parse(bundle) as { checkpoint: string; logVkey: string };
    const checkpoint = await deo.log.checkpoint({ districtId: pune });
    expect(parsed.checkpoint).toBe(checkpoint.note);
    expect(parsed.logVkey).toBe(vkey);
    expect(parseNote(parsed.checkpoint).ok).toBe(true);
  });
});

describe('concurrent appends', () => {
  const SERIALS = Array.from({ length: 10 }, (_, i) => `BUC${String(4000000 + i)}`);

  test('10 concurrent unit events land on distinct consecutive indices and the root stays right', async () => {
    await db
      .insertInto('units')
      .values(SERIALS.map((serial) => ({
        districtId: pune, serial, kind: 'BU', maker: 'BEL', model: 'M3', year: 2022, ownerBodyId: 1,
        state: 'in_warehouse', previousState: null, locationId: world.locations.puneWh ?? 0, holdRef: null, flcCycle: null, updatedAt: world.now,
      })))
      .execute();
    const before = await logHead(pune);
    const user = await db.selectFrom('users').select('id').where('username', '=', world.users.deo).executeTakeFirstOrThrow();
    const actor: Actor = { userId: user.id, username: world.users.deo, role: 'deo', jurisdiction: { level: 'district', stateId: world.stateIds.mh, districtId: pune } };

    const results = await Promise.all(SERIALS.map((serial) => applyUnitEvent(db, { actor, districtId: pune, serials: [serial], event: 'start_flc', now: world.now })));

    const indices = results.map((r) => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value.logIndex;
    });
    expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => before.size + i));

    const entries = await storedEntries(pune);
    expect(entries.length).toBe(before.size + 10);
    const head = await logHead(pune);
    expect(head.size).toBe(before.size + 10);
    expect(toHex(head.root)).toBe(toHex(rootFromLeafHashes(entries.map((e) => e.leafHash))));
    // Each unit's entry is at the index its call returned.
    SERIALS.forEach((serial, i) => {
      const entry = entries[indices[i] ?? -1];
      expect(entry && (JSON.parse(entry.entry) as { units: string[] }).units).toEqual([serial]);
    });
    const units = await db.selectFrom('units').select(['state', 'version']).where('serial', 'in', SERIALS).execute();
    expect(units.every((u) => u.state === 'flc_in_progress' && u.version === 1)).toBe(true);

    // The server device chain stayed unbroken, and the whole log still verifies offline.
    const exported = await deo.log.exportBundle({ districtId: pune });
    const verified = verifyBundle(exported.bundle);
    if (!verified.ok) throw new Error(verified.error.reason);
    expect(verified.value.size).toBe(before.size + 10);
  });
});
