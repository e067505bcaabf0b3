/**
 * Checkpoint keys, signed checkpoints and export bundles: the signing half of the one log
 * writer (builder.ts builds the entries and the tree). Pure: the key seed is a parameter.
 */
import { toHex, utf8Encode } from './bytes.ts';
import { LOG_BUNDLE_FORMAT, encodeBundle, type LogBundle } from './bundle.ts';
import { leafHash, rootFromLeafHashes } from './merkle.ts';
import { checkpointText, cosignCheckpoint, formatVkey, formatWitnessVkey, keyIdEd25519, publicKeyFromSeed, signNote } from './note.ts';

/** A log's Ed25519 checkpoint key (an HSM holds the seed in a real deployment). */
export interface CheckpointKey {
  readonly keyId: string;
  readonly keyName: string;
  readonly vkey: string;
  readonly privateSeed: Uint8Array;
}

export function checkpointKey(origin: string, seed32: Uint8Array): CheckpointKey {
  const publicKey = publicKeyFromSeed(seed32);
  return {
    keyId: toHex(keyIdEd25519(origin, publicKey)),
    keyName: origin,
    vkey: formatVkey(origin, publicKey),
    privateSeed: seed32,
  };
}

/** The C2SP signed note of the checkpoint (origin, size, root). */
export function signCheckpointNote(key: CheckpointKey, origin: string, size: number, rootHash: Uint8Array): string {
  return signNote(checkpointText(origin, size, rootHash), key.keyName, key.privateSeed);
}

/** A witness that cosigns the checkpoint of a bundle (tests and demos). */
export interface BundleWitness {
  readonly name: string;
  readonly seed: Uint8Array;
  /** Seconds since the epoch, as the witness states it. */
  readonly timestamp: number;
}

/** Either the key (the checkpoint is signed here over `entries`) or a stored signed checkpoint. */
export type BundleInput = {
  readonly origin: string;
  /** Entry texts from index 0, as stored. */
  readonly entries: readonly string[];
  readonly witnesses?: readonly BundleWitness[];
} & ({ readonly key: CheckpointKey } | { readonly logVkey: string; readonly checkpoint: string });

/** The evmtrail-log-bundle/1 text of a whole log, verifiable offline with verifyBundle. */
export function makeBundle(input: BundleInput): string {
  return encodeBundle(bundleOf(input));
}

/** The bundle as an object, before encoding. */
export function bundleOf(input: BundleInput): LogBundle {
  let checkpoint = 'key' in input
    ? signCheckpointNote(input.key, input.origin, input.entries.length, rootFromLeafHashes(input.entries.map((t) => leafHash(utf8Encode(t)))))
    : input.checkpoint;
  const witnesses = input.witnesses ?? [];
  for (const w of witnesses) checkpoint = cosignCheckpoint(checkpoint, w.name, w.seed, w.timestamp);
  return {
    format: LOG_BUNDLE_FORMAT,
    origin: input.origin,
    logVkey: 'key' in input ? input.key.vkey : input.logVkey,
    checkpoint,
    entries: [...input.entries],
    ...(witnesses.length > 0 ? { witnessVkeys: witnesses.map((w) => formatWitnessVkey(w.name, publicKeyFromSeed(w.seed))) } : {}),
  };
}
