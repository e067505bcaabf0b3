import { fromHex, leafHash, parseCheckpoint, toHex, utf8Encode, verifyInclusion, verifyNote } from '@evmtrail/shared';

export interface TimelineEntryInput {
  readonly index: number;
  /** The exact canonical JSON text of the EVMLOG/1 entry, as logged. */
  readonly entry: string;
  readonly leafHashHex: string;
  readonly proof: readonly string[];
}

export interface TimelineInput {
  readonly timeline: readonly TimelineEntryInput[];
  readonly checkpoint: { readonly origin: string; readonly size: number; readonly rootHex: string; readonly note: string };
  readonly logVkey: string;
}

/** Why verification failed; `index` names the first failing entry where there is one. */
export type VerifyFailure =
  | { readonly type: 'bad_signature'; readonly message: string }
  | { readonly type: 'bad_checkpoint'; readonly message: string }
  | { readonly type: 'checkpoint_mismatch'; readonly field: 'origin' | 'size' | 'root' }
  | { readonly type: 'leaf_hash_mismatch'; readonly index: number }
  /** The entry text is the signed one; only the server's stored leaf hash differs. */
  | { readonly type: 'stored_leaf_hash_mismatch'; readonly index: number }
  | { readonly type: 'index_out_of_range'; readonly index: number }
  | { readonly type: 'bad_proof'; readonly index: number };

export type VerifyVerdict =
  | { readonly ok: true; readonly origin: string; readonly size: number; readonly entries: number }
  | { readonly ok: false; readonly failure: VerifyFailure };

function fail(failure: VerifyFailure): VerifyVerdict {
  return { ok: false, failure };
}

/**
 * Checks a unit's timeline in the browser, trusting only the log's verification key:
 * the checkpoint note is signed by that key, the signed text says the same size and root the
 * server claims, and every entry's text hashes to its leaf and is included under that root.
 */
export function verifyTimeline(input: TimelineInput): VerifyVerdict {
  const note = verifyNote(input.checkpoint.note, [input.logVkey]);
  if (!note.ok) return fail({ type: 'bad_signature', message: note.error.message });
  const parsed = parseCheckpoint(note.value.text);
  if (!parsed.ok) return fail({ type: 'bad_checkpoint', message: parsed.error.message });
  const { origin, size, root } = parsed.value;
  if (origin !== input.checkpoint.origin) return fail({ type: 'checkpoint_mismatch', field: 'origin' });
  if (size !== input.checkpoint.size) return fail({ type: 'checkpoint_mismatch', field: 'size' });
  if (toHex(root) !== input.checkpoint.rootHex.toLowerCase()) return fail({ type: 'checkpoint_mismatch', field: 'root' });

  const entries = [...input.timeline].sort((a, b) => a.index - b.index);
  for (const e of entries) {
    const failure = verifyEntry(e, size, root);
    if (failure) return fail(failure);
  }
  return { ok: true, origin, size, entries: entries.length };
}

function verifyEntry(e: TimelineEntryInput, size: number, root: Uint8Array): VerifyFailure | null {
  if (!Number.isInteger(e.index) || e.index < 0 || e.index >= size) return { type: 'index_out_of_range', index: e.index };
  const hash = leafHash(utf8Encode(e.entry));
  let proof: Uint8Array[];
  let served: Uint8Array;
  try {
    proof = e.proof.map((h) => fromHex(h));
    served = fromHex(e.leafHashHex);
  } catch {
    return { type: 'bad_proof', index: e.index };
  }
  const textIsSigned = verifyInclusion(e.index, size, hash, proof, root);
  if (toHex(hash) === toHex(served)) return textIsSigned ? null : { type: 'bad_proof', index: e.index };
  // The text and the served leaf hash disagree: the proof says which of the two is the signed one.
  if (textIsSigned) return { type: 'stored_leaf_hash_mismatch', index: e.index };
  if (verifyInclusion(e.index, size, served, proof, root)) return { type: 'leaf_hash_mismatch', index: e.index };
  return { type: 'bad_proof', index: e.index };
}
