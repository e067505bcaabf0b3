/**
 * The export bundle (evmtrail-log-bundle/1): one canonical JSON file holding a
 * district log's signed checkpoint, its verifier key, optional witness keys and
 * every entry's exact text, so an observer can replay the whole log offline
 * (evmlog-v1.md §5.5 checks a, b and d). Format /2 adds the log's stored leaf hashes
 * and Merkle nodes, so the verifier can name the entry or node at fault; /1 still verifies.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../lib/result.ts';
import { bytesEqual, fromHex, toHex, utf8Encode } from './bytes.ts';
import { canonicalJson, parseCanonicalJson } from './canonical.ts';
import { nextDeviceHead, type DeviceHead } from './device-chain.ts';
import { parseEntry } from './entry.ts';
import { levelWidths, locateBundleFault, type BundleFault } from './bundle-faults.ts';
import { checkSavedCheckpoints, type SavedCheckpoint } from './fork.ts';
import { leafHash } from './merkle.ts';
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
/** Format /2: format /1 plus the stored leaf hashes and Merkle nodes. */
export const LOG_BUNDLE_FORMAT_V2 = 'evmtrail-log-bundle/2';

const HashHexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const LogBundleSchema = z.strictObject({
  format: z.enum([LOG_BUNDLE_FORMAT, LOG_BUNDLE_FORMAT_V2]),
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
  /** Format /2: the log's stored leaf hash of entry i (hex), as the log holds it. */
  leafHashes: z.array(HashHexSchema).optional(),
  /** Format /2: the log's stored complete Merkle nodes, nodes[level][index] (hex). */
  nodes: z.array(z.array(HashHexSchema)).optional(),
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

/** A failure; `kind`, `index` and `node` name what is at fault when the verifier can tell. */
export interface BundleFailure extends Partial<BundleFault> {
  readonly reason: string;
}

type Check<T> = Result<T, BundleFailure>;

function fail(reason: string, index?: number): Check<never> {
  return err(index === undefined ? { reason } : { index, reason });
}

/** The canonical JSON text of a bundle (an absent witnessVkeys is left out). */
export function encodeBundle(bundle: LogBundle): string {
  const present = Object.fromEntries(Object.entries(bundle).filter(([, v]) => v !== undefined));
  return canonicalJson(present);
}

/** Format /2 fields must be absent from /1 and sized to the entries in /2. */
function checkStoredShape(bundle: LogBundle): Check<LogBundle> {
  const { format, leafHashes, nodes, entries } = bundle;
  if (format === LOG_BUNDLE_FORMAT) {
    if (leafHashes || nodes) return fail(`a ${LOG_BUNDLE_FORMAT} bundle has no leafHashes or nodes; use ${LOG_BUNDLE_FORMAT_V2}`);
    return ok(bundle);
  }
  if (leafHashes && leafHashes.length !== entries.length) {
    return fail(`bundle has ${leafHashes.length} leafHashes for ${entries.length} entries`);
  }
  const widths = levelWidths(entries.length);
  if (nodes && (nodes.length !== widths.length || nodes.some((row, l) => row.length !== widths[l]))) {
    return fail(`bundle nodes are not the ${widths.length} levels of complete nodes of a tree of ${entries.length} entries`);
  }
  return ok(bundle);
}

function parseBundle(text: string): Check<LogBundle> {
  const json = parseCanonicalJson(text);
  if (!json.ok) return fail(`bundle is ${json.error.message}`);
  const parsed = LogBundleSchema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    return fail(`bundle is not a valid ${LOG_BUNDLE_FORMAT} or /2 file: ${path || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return checkStoredShape(parsed.data);
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

function storedHashes(bundle: LogBundle) {
  return {
    ...(bundle.leafHashes ? { leafHashes: bundle.leafHashes.map(fromHex) } : {}),
    ...(bundle.nodes ? { nodes: bundle.nodes.map((row) => row.map(fromHex)) } : {}),
  };
}

/**
 * Checks the entries: a fault the stored hashes (format /2) pin to an entry or node comes
 * first, then each entry (canonical, schema, log, device chain), then the Merkle root.
 */
function checkTree(bundle: LogBundle, signedRoot: Uint8Array): Check<Uint8Array[]> {
  const computedLeaves = bundle.entries.map((t) => leafHash(utf8Encode(t)));
  const fault = locateBundleFault({ computedLeaves, stored: storedHashes(bundle), signedRoot });
  if (fault && fault.kind !== 'root') return err(fault);
  const entries = checkEntries(bundle);
  if (!entries.ok) return entries;
  if (fault) return err(fault);
  return ok(computedLeaves);
}

export interface VerifyBundleOptions {
  readonly trustedLogVkeys?: readonly string[];
  /** An observer's saved signed checkpoints: each must be a prefix of the bundle's log. */
  readonly savedCheckpoints?: readonly SavedCheckpoint[];
}

/**
 * Verifies an exported bundle and reports the first failure: canonical JSON text
 * (so any changed byte fails), schema, log key (and trust), checkpoint signature
 * by the origin's key, checkpoint origin and size, witness cosignatures, the entries
 * and their tree (naming the entry or node at fault where the bundle allows), and
 * finally the observer's saved checkpoints (a fork, e.g. a rolled-back head).
 */
export function verifyBundle(text: string, options: VerifyBundleOptions = {}): Result<BundleVerification, BundleFailure> {
  const bundle = parseBundle(text);
  if (!bundle.ok) return bundle;
  const key = checkLogKey(bundle.value, options.trustedLogVkeys);
  if (!key.ok) return key;
  const checkpoint = checkCheckpoint(bundle.value, key.value);
  if (!checkpoint.ok) return checkpoint;
  const cosignedBy = checkWitnesses(bundle.value, key.value);
  if (!cosignedBy.ok) return cosignedBy;
  const leaves = checkTree(bundle.value, checkpoint.value.root);
  if (!leaves.ok) return leaves;
  const { origin, size, root } = checkpoint.value;
  const fork = checkSavedCheckpoints(options.savedCheckpoints ?? [], {
    origin, logVkey: bundle.value.logVkey, leaves: leaves.value, bundleRoot: root,
  });
  if (fork) return err(fork);
  return ok({ origin, size, rootHex: toHex(root), signedBy: key.value.name, cosignedBy: cosignedBy.value });
}
