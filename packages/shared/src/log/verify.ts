/**
 * RFC 9162 §2.1.3.2 / §2.1.4.2 proof verification, exactly as the EVMLOG/1 §5.1
 * pseudocode (which passes every transparency-dev/merkle testdata file).
 * Halving uses arithmetic, not `>>`, so sizes beyond 2^31 work.
 */
import { bytesEqual } from './bytes.ts';
import { nodeHash } from './merkle.ts';

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/** fn, sn after the "repeat { fn >>= 1; sn >>= 1 } until (fn & 1) or fn == 0" step. */
function skipLeftEdge(fn: number, sn: number): [number, number] {
  let f = fn;
  let s = sn;
  do {
    f = half(f);
    s = half(s);
  } while (!isOdd(f) && f !== 0);
  return [f, s];
}

/** True iff `proof` shows that `leafHash` is leaf `index` of the tree of `size` with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0) return false;
  if (index >= size) return false;
  // One addition to the §5.1 pseudocode, as transparency-dev's RootFromInclusionProof
  // does: the leaf hash must be a SHA-256 hash. Without it, an empty "leaf hash" equal
  // to an empty "root" passes (testdata inclusion/single-entry/empty-root-and-leaf.json).
  if (leafHash.length !== 32) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) [fn, sn] = skipLeftEdge(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** True iff `proof` shows the tree (size2, root2) extends the tree (size1, root1). */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2)) return false;
  if (size1 > size2 || size1 <= 0) return false;
  // Byte compare only: no length check on the roots here (see §5.1).
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (proof.length === 0) return false;
  const first = isPowerOfTwo(size1) ? root1 : proof[0];
  const rest = isPowerOfTwo(size1) ? proof : proof.slice(1);
  if (first === undefined) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) [fn, sn] = skipLeftEdge(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
