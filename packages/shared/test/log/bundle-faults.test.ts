import { describe, expect, it } from 'vitest';

import { leafHash, toHex, utf8Encode, verifyBundle } from '../../src/log/index.ts';
import {
  TEST_LOG_ORIGIN,
  encodeTestBundle,
  flipHex,
  tamperEntryText,
  testCheckpoint,
  testLogBundle,
} from '../../src/testing/log-bundle.ts';

const SIZE = 13;

function failureOf(text: string, savedCheckpoints: { name: string; note: string }[] = []) {
  const result = verifyBundle(text, { savedCheckpoints });
  if (result.ok) throw new Error('expected the bundle to fail');
  return result.error;
}

describe('verifyBundle names the entry or node at fault (format /2)', () => {
  it('verifies an untouched /2 bundle and the same log as /1', () => {
    const parts = testLogBundle(SIZE);
    expect(verifyBundle(encodeTestBundle(parts)).ok).toBe(true);
    expect(verifyBundle(encodeTestBundle(parts, 1)).ok).toBe(true);
  });

  it.each([0, 6, SIZE - 1])('names changed entry %i (the last one too), not the next one on its device', (index) => {
    const parts = testLogBundle(SIZE);
    tamperEntryText(parts.texts, index);
    const failure = failureOf(encodeTestBundle(parts));
    expect(failure).toMatchObject({ kind: 'entry', index });
    expect(failure.reason).toMatch(/entry has been changed/);
  });

  it('names a changed stored leaf hash, and says the entry text is intact', () => {
    const parts = testLogBundle(SIZE);
    parts.leafHashes[9] = flipHex(parts.leafHashes[9] ?? '');
    const failure = failureOf(encodeTestBundle(parts));
    expect(failure).toMatchObject({ kind: 'leaf_hash', index: 9 });
    expect(failure.reason).toMatch(/entry text itself is intact/);
  });

  it.each([
    [0, 12],
    [0, 3],
    [1, 5],
    [2, 1],
    [3, 0],
  ])('names a changed stored node at level %i index %i', (level, index) => {
    const parts = testLogBundle(SIZE);
    const row = parts.nodes[level] ?? [];
    row[index] = flipHex(row[index] ?? '');
    expect(failureOf(encodeTestBundle(parts))).toMatchObject({ kind: 'node', node: { level, index } });
  });

  it('follows the stored nodes to a changed entry whose stored leaf hashes were changed with it', () => {
    const parts = testLogBundle(SIZE);
    tamperEntryText(parts.texts, 4);
    const fake = toHex(leafHash(utf8Encode(parts.texts[4] ?? '')));
    parts.leafHashes[4] = fake;
    (parts.nodes[0] ?? [])[4] = fake;
    expect(failureOf(encodeTestBundle(parts))).toMatchObject({ kind: 'node', node: { level: 1, index: 2 } });
  });

  it('a /1 bundle with a changed last entry reports the root mismatch (it has no stored hashes)', () => {
    const parts = testLogBundle(SIZE);
    tamperEntryText(parts.texts, SIZE - 1);
    const failure = failureOf(encodeTestBundle(parts, 1));
    expect(failure.kind).toBe('root');
    expect(failure.reason).toMatch(/^Merkle root of the entries [0-9a-f]{64} does not match the checkpoint root/);
  });

  it('refuses stored hashes that do not fit the entries, and /2 fields in a /1 bundle', () => {
    const parts = testLogBundle(SIZE);
    parts.nodes[1]?.pop();
    expect(failureOf(encodeTestBundle(parts)).reason).toMatch(/nodes are not the 4 levels of complete nodes of a tree of 13 entries/);
    const text = encodeTestBundle(testLogBundle(SIZE)).replace('evmtrail-log-bundle/2', 'evmtrail-log-bundle/1');
    expect(failureOf(text).reason).toMatch(/has no leafHashes or nodes/);
  });
});

describe('verifyBundle against an observer\'s saved checkpoints', () => {
  const longer = testLogBundle(SIZE + 4);

  it('accepts saved checkpoints that are prefixes of the log, including the same one', () => {
    const parts = testLogBundle(SIZE);
    const saved = [{ name: 'five.txt', note: testCheckpoint(parts.texts, 5) }, { name: 'same.txt', note: parts.checkpoint }];
    expect(verifyBundle(encodeTestBundle(parts), { savedCheckpoints: saved }).ok).toBe(true);
  });

  it('catches a rolled-back head: a saved checkpoint bigger than the bundle', () => {
    const parts = testLogBundle(SIZE);
    const failure = failureOf(encodeTestBundle(parts), [{ name: 'monday.txt', note: longer.checkpoint }]);
    expect(failure).toMatchObject({ kind: 'fork' });
    expect(failure.reason).toBe(`fork: saved checkpoint monday.txt was signed at size ${SIZE + 4}, but the bundle holds only ${SIZE} entries: the log was rolled back`);
  });

  it('catches a saved checkpoint of the same size, or a smaller one, with another root', () => {
    const other = testLogBundle(SIZE);
    tamperEntryText(other.texts, 2);
    const parts = testLogBundle(SIZE);
    const same = failureOf(encodeTestBundle(parts), [{ name: 'same.txt', note: testCheckpoint(other.texts) }]);
    expect(same.reason).toMatch(/^fork: saved checkpoint same.txt signed root [0-9a-f]{64} at size 13, but the bundle, of the same size, give root/);
    const smaller = failureOf(encodeTestBundle(parts), [{ name: 'five.txt', note: testCheckpoint(other.texts, 5) }]);
    expect(smaller.reason).toMatch(/at size 5, but the bundle's first 5 entries give root/);
  });

  it('refuses a saved checkpoint the log key did not sign', () => {
    const parts = testLogBundle(SIZE);
    const note = parts.checkpoint.replace(TEST_LOG_ORIGIN + '\n13', TEST_LOG_ORIGIN + '\n12');
    expect(failureOf(encodeTestBundle(parts), [{ name: 'edited.txt', note }]).reason).toMatch(/saved checkpoint edited.txt is not signed by the log key/);
  });
});
