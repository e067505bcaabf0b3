/**
 * The export bundle (evmtrail-log-bundle/1): one canonical JSON file holding a
 * district log's signed checkpoint, its verifier key, optional witness keys and
 * every entry's exact text, so an observer can replay the whole log offline
 * (evmlog-v1.md §5.5 checks a, b and d).
 */
import { z } from 'zod';
import { err, ok, type Result } from '../lib/result.ts';
import { bytesEqual, toHex, utf8Encode } from './bytes.ts';
import { canonicalJson, parseCanonicalJson } from './canonical.ts';
import { nextDeviceHead, type DeviceHead } from './device-chain.ts';
import { parseEntry } from './entry.ts';
import { leafHash, rootFromLeafHashes } from './merkle.ts';
import {
  SIGNATURE_TYPE_ED25519,
  parseCheckpoint,
  parseNote,
  parseVkey,
  verifyCosignature,
  verifyNote,
  type Checkpoint,
  type Vkey,
} from './note.ts';

export const LOG_BUNDLE_FORMAT = 'evmtrail-log-bundle/1';

export const LogBundleSchema = z.strictObject({
  format: z.literal(LOG_BUNDLE_FORMAT),
  /** The log origin; equals the checkpoint origin and every entry's `log`. */
  origin: z.string().min(1),
  /** The log's Ed25519 vkey (signed-note type 0x01). */
  logVkey: z.string(),
  /** The signed checkpoint note for size = entries.length. */
  checkpoint: z.string(),
  /** Entry i's exact canonical JSON text. */
  entries: z.array(z.string()),
  /** Witness cosignature vkeys (type 0x04); each must have cosigned the checkpoint. */
  witnessVkeys: z.array(z.string()).optional(),
});

export type LogBundle = z.infer<typeof LogBundleSchema>;

export interface BundleVerification {
  readonly origin: string;
  readonly size: number;
  readonly rootHex: string;
  /** Key name of the log key that signed the checkpoint. */
  readonly signedBy: string;
  /** Names of the witnesses whose cosignatures verified. */
  readonly cosignedBy: string[];
}

export interface BundleFailure {
  /** The entry at fault, when there is one. */
  readonly index?: number;
  readonly reason: string;
}

type Check<T> = Result<T, BundleFailure>;

function fail(reason: string, index?: number): Check<never> {
  return err(index === undefined ? { reason } : { index, reason });
}

/** The canonical JSON text of a bundle (an absent witnessVkeys is left out). */
export function encodeBundle(bundle: LogBundle): string {
  const { witnessVkeys, ...rest } = bundle;
  return canonicalJson(witnessVkeys === undefined ? rest : { ...rest, witnessVkeys });
}

function parseBundle(text: string): Check<LogBundle> {
  const json = parseCanonicalJson(text);
  if (!json.ok) return fail(`bundle is ${json.error.message}`);
  const parsed = LogBundleSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    return fail(`bundle is not a valid ${LOG_BUNDLE_FORMAT} file: ${path || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return ok(parsed.data);
}

function checkLogKey(bundle: LogBundle, trusted: readonly string[] | undefined): Check<Vkey> {
  const key = parseVkey(bundle.logVkey);
  if (!key.ok) return fail(`logVkey: ${key.error.message}`);
  if (key.value.type !== SIGNATURE_TYPE_ED25519) return fail(`logVkey for ${key.value.name} is not an Ed25519 log key (type 0x01)`);
  if (trusted !== undefined && !trusted.includes(bundle.logVkey)) {
    return fail(`log key ${bundle.logVkey} is not one of the trusted log keys`);
  }
  return ok(key.value);
}

function checkCheckpoint(bundle: LogBundle, key: Vkey): Check<Checkpoint> {
  const note = verifyNote(bundle.checkpoint, [bundle.logVkey]);
  if (!note.ok) return fail(`checkpoint: ${note.error.message}`);
  if (key.name !== bundle.origin) return fail(`checkpoint is signed by key ${key.name}, not by the log origin ${bundle.origin}`);
  const checkpoint = parseCheckpoint(note.value.text);
  if (!checkpoint.ok) return fail(`checkpoint: ${checkpoint.error.message}`);
  const { origin, size } = checkpoint.value;
  if (origin !== bundle.origin) return fail(`checkpoint origin ${origin} is not the bundle origin ${bundle.origin}`);
  if (size !== bundle.entries.length) {
    return fail(`checkpoint tree size ${size} does not match the ${bundle.entries.length} entries in the bundle`);
  }
  return ok(checkpoint.value);
}

/** Every witness listed must have cosigned; every signature line must be accounted for. */
function checkWitnesses(bundle: LogBundle, logKey: Vkey): Check<string[]> {
  const witnesses: Vkey[] = [];
  for (const vkey of bundle.witnessVkeys ?? []) {
    const key = parseVkey(vkey);
    if (!key.ok) return fail(`witnessVkeys: ${key.error.message}`);
    const cosigned = verifyCosignature(bundle.checkpoint, vkey);
    if (!cosigned.ok) return fail(`witness ${key.value.name}: ${cosigned.error.message}`);
    witnesses.push(key.value);
  }
  const note = parseNote(bundle.checkpoint);
  if (!note.ok) return fail(`checkpoint: ${note.error.message}`);
  for (const sig of note.value.signatures) {
    const known = [logKey, ...witnesses].some((k) => k.name === sig.name && bytesEqual(k.keyId, sig.keyId));
    if (!known) {
      return fail(`checkpoint line ${sig.lineNumber}: signature by ${sig.name} is from neither the log key nor a listed witness`);
    }
  }
  return ok(witnesses.map((w) => w.name));
}

/** Parses every entry, checks its log and device chain, and returns the leaf hashes. */
function checkEntries(bundle: LogBundle): Check<Uint8Array[]> {
  const heads = new Map<string, DeviceHead>();
  const leafHashes: Uint8Array[] = [];
  for (const [index, text] of bundle.entries.entries()) {
    const entry = parseEntry(text);
    if (!entry.ok) return fail(entry.error.message, index);
    const { log, dev } = entry.value;
    if (log !== bundle.origin) return fail(`log ${log} is not the bundle origin ${bundle.origin}`, index);
    const hash = leafHash(utf8Encode(text));
    const head = nextDeviceHead(heads.get(dev), entry.value, toHex(hash), index);
    if (!head.ok) return fail(head.error.message, index);
    heads.set(dev, head.value);
    leafHashes.push(hash);
  }
  return ok(leafHashes);
}

/**
 * Verifies an exported bundle and reports the first failure: canonical JSON text
 * (so any changed byte fails), schema, log key (and trust), checkpoint signature
 * by the origin's key, checkpoint origin and size, witness cosignatures, each
 * entry (canonical, schema, log, device chain) and finally the Merkle root.
 */
export function verifyBundle(
  text: string,
  options: { readonly trustedLogVkeys?: readonly string[] } = {},
): Result<BundleVerification, BundleFailure> {
  const bundle = parseBundle(text);
  if (!bundle.ok) return bundle;
  const key = checkLogKey(bundle.value, options.trustedLogVkeys);
  if (!key.ok) return key;
  const checkpoint = checkCheckpoint(bundle.value, key.value);
  if (!checkpoint.ok) return checkpoint;
  const cosignedBy = checkWitnesses(bundle.value, key.value);
  if (!cosignedBy.ok) return cosignedBy;
  const leafHashes = checkEntries(bundle.value);
  if (!leafHashes.ok) return leafHashes;
  const root = rootFromLeafHashes(leafHashes.value);
  if (!bytesEqual(root, checkpoint.value.root)) {
    return fail(`Merkle root of the entries ${toHex(root)} does not match the checkpoint root ${toHex(checkpoint.value.root)}`);
  }
  const { origin, size } = checkpoint.value;
  return ok({ origin, size, rootHex: toHex(root), signedBy: key.value.name, cosignedBy: cosignedBy.value });
}
