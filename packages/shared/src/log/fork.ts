/**
 * An observer's saved checkpoints against a bundle (evmlog-v1.md §5.5 check c, by full
 * recomputation): every checkpoint the log signed must be a prefix of the bundle's log. A
 * saved checkpoint bigger than the bundle, or of a size the bundle covers with another root,
 * proves a fork (a rolled-back or rewritten log).
 */
import { bytesEqual, toHex } from './bytes.ts';
import type { BundleFault } from './bundle-faults.ts';
import { rootFromLeafHashes } from './merkle.ts';
import { parseCheckpoint, verifyNote } from './note.ts';

export interface SavedCheckpoint {
  /** What a person calls it, e.g. its file name. */
  readonly name: string;
  /** The signed note, possibly with witness cosignatures. */
  readonly note: string;
}

function forkFault(reason: string): BundleFault {
  return { kind: 'fork', reason };
}

function checkOne(saved: SavedCheckpoint, input: ForkInput): BundleFault | undefined {
  const note = verifyNote(saved.note, [input.logVkey]);
  if (!note.ok) return forkFault(`saved checkpoint ${saved.name} is not signed by the log key: ${note.error.message}`);
  const checkpoint = parseCheckpoint(note.value.text);
  if (!checkpoint.ok) return forkFault(`saved checkpoint ${saved.name}: ${checkpoint.error.message}`);
  const { origin, size, root } = checkpoint.value;
  if (origin !== input.origin) return forkFault(`saved checkpoint ${saved.name} is for log ${origin}, not ${input.origin}`);
  const bundleSize = input.leaves.length;
  if (size > bundleSize) {
    return forkFault(
      `fork: saved checkpoint ${saved.name} was signed at size ${size}, but the bundle holds only ${bundleSize} entries: the log was rolled back`,
    );
  }
  if (size === 0) return undefined;
  const prefixRoot = size === bundleSize ? input.bundleRoot : rootFromLeafHashes(input.leaves.slice(0, size));
  if (bytesEqual(prefixRoot, root)) return undefined;
  const what = size === bundleSize ? 'the bundle, of the same size,' : `the bundle's first ${size} entries`;
  return forkFault(`fork: saved checkpoint ${saved.name} signed root ${toHex(root)} at size ${size}, but ${what} give root ${toHex(prefixRoot)}`);
}

interface ForkInput {
  readonly origin: string;
  readonly logVkey: string;
  /** Leaf hashes recomputed from the bundle's entry texts. */
  readonly leaves: readonly Uint8Array[];
  /** The bundle's signed checkpoint root. */
  readonly bundleRoot: Uint8Array;
}

/** The first saved checkpoint that is not a prefix of the bundle's log, as a fork fault. */
export function checkSavedCheckpoints(saved: readonly SavedCheckpoint[], input: ForkInput): BundleFault | undefined {
  for (const one of saved) {
    const fault = checkOne(one, input);
    if (fault) return fault;
  }
  return undefined;
}
