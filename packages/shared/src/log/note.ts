/**
 * C2SP signed notes (signed-note.md), checkpoints (tlog-checkpoint.md) and Ed25519
 * witness cosignatures (tlog-cosignature.md, signature type 0x04).
 *
 *   note   = text (ending in '\n') + '\n' + one or more lines
 *            '— ' + key name + ' ' + base64(keyID[4] || signature) + '\n'
 *   vkey   = name + '+' + hex(keyID) + '+' + base64(type || public key)
 *   keyID  = SHA-256(name || 0x0A || type || public key)[:4]
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { err, ok, type Result } from '../lib/result.ts';
import { bytesEqual, concatBytes, sha256, toBase64, toHex, tryFromBase64, utf8Encode } from './bytes.ts';

/** Signature type byte for plain Ed25519 note signatures. */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** Signature type byte for timestamped Ed25519 witness cosignatures (cosignature/v1). */
export const SIGNATURE_TYPE_COSIGNATURE = 0x04;

export type SignatureType = typeof SIGNATURE_TYPE_ED25519 | typeof SIGNATURE_TYPE_COSIGNATURE;

export type NoteErrorType =
  | 'malformed_note'
  | 'malformed_vkey'
  | 'malformed_checkpoint'
  | 'wrong_key_type'
  | 'bad_signature'
  | 'no_verified_signature'
  | 'missing_cosignature';

export interface NoteError {
  readonly type: NoteErrorType;
  readonly message: string;
}

export interface Vkey {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly type: SignatureType;
  readonly publicKey: Uint8Array;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Uint8Array;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
  /** 1-based line number in the note. */
  readonly lineNumber: number;
  /** The full line including '— ' and the final '\n'. */
  readonly line: string;
}

export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

const EM_DASH_SPACE = '\u2014 ';
const MAX_SIGNATURES = 100;
const COSIGNATURE_LENGTH = 8 + 64;
const MAX_U63 = 2n ** 63n - 1n;
const SPACE_OR_PLUS = /[\s+]/u;
const LONE_SURROGATE = /\p{Cs}/u;

function noteError(type: NoteErrorType, message: string): Result<never, NoteError> {
  return err({ type, message });
}

/** Key names must be non-empty, without Unicode spaces, '+' or control characters. */
function isValidKeyName(name: string): boolean {
  return name.length > 0 && !SPACE_OR_PLUS.test(name) && firstBadCharacter(name) === undefined;
}

/** Describes the first character a note may not contain (controls other than '\n'). */
function firstBadCharacter(s: string): string | undefined {
  if (LONE_SURROGATE.test(s)) return 'a lone surrogate (not valid UTF-8)';
  let line = 1;
  for (let i = 0; i < s.length; i += 1) {
    const code = s.charCodeAt(i);
    if (code === 0x0a) line += 1;
    else if (code < 0x20) return `control character U+${code.toString(16).padStart(4, '0')} on line ${line}`;
  }
  return undefined;
}

function computeKeyId(name: string, type: SignatureType, publicKey: Uint8Array): Uint8Array {
  return sha256(concatBytes(utf8Encode(name), Uint8Array.of(0x0a, type), publicKey)).slice(0, 4);
}

/** Ed25519 note key ID: SHA-256(name || 0x0A || 0x01 || publicKey)[:4]. */
export function keyIdEd25519(name: string, publicKey: Uint8Array): Uint8Array {
  return computeKeyId(name, SIGNATURE_TYPE_ED25519, publicKey);
}

/** Witness cosignature key ID: SHA-256(name || 0x0A || 0x04 || publicKey)[:4]. */
export function keyIdCosignature(name: string, publicKey: Uint8Array): Uint8Array {
  return computeKeyId(name, SIGNATURE_TYPE_COSIGNATURE, publicKey);
}

function formatKey(name: string, type: SignatureType, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new TypeError(`Invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new TypeError(`Ed25519 public key for ${name} must be 32 bytes`);
  const keyId = computeKeyId(name, type, publicKey);
  return `${name}+${toHex(keyId)}+${toBase64(concatBytes(Uint8Array.of(type), publicKey))}`;
}

/** The verifier key string `name+keyid+base64(0x01 || publicKey)` for an Ed25519 note key. */
export function formatVkey(name: string, publicKey: Uint8Array): string {
  return formatKey(name, SIGNATURE_TYPE_ED25519, publicKey);
}

/** The verifier key string for an Ed25519 witness (cosignature type 0x04). */
export function formatWitnessVkey(name: string, publicKey: Uint8Array): string {
  return formatKey(name, SIGNATURE_TYPE_COSIGNATURE, publicKey);
}

/**
 * Parses a vkey, splitting on the first two '+' only (base64 may contain '+'). The
 * key ID must be 8 lowercase hex digits and match the one computed from the key.
 */
export function parseVkey(vkey: string): Result<Vkey, NoteError> {
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) return noteError('malformed_vkey', `vkey ${JSON.stringify(vkey)} does not have the form name+keyid+key`);
  const name = vkey.slice(0, first);
  const idHex = vkey.slice(first + 1, second);
  const keyData = tryFromBase64(vkey.slice(second + 1));
  const label = `vkey for ${JSON.stringify(name)}`;
  if (!isValidKeyName(name)) return noteError('malformed_vkey', `${label}: invalid key name`);
  if (!/^[0-9a-f]{8}$/.test(idHex)) return noteError('malformed_vkey', `${label}: key ID must be 8 lowercase hex digits`);
  if (keyData === undefined) return noteError('malformed_vkey', `${label}: key is not valid base64`);
  const type = keyData[0];
  if (type !== SIGNATURE_TYPE_ED25519 && type !== SIGNATURE_TYPE_COSIGNATURE) {
    return noteError('malformed_vkey', `${label}: unsupported signature type ${String(type)}`);
  }
  const publicKey = keyData.slice(1);
  if (publicKey.length !== 32) return noteError('malformed_vkey', `${label}: Ed25519 key must be 32 bytes`);
  const keyId = computeKeyId(name, type, publicKey);
  if (toHex(keyId) !== idHex) return noteError('malformed_vkey', `${label}: key ID ${idHex} does not match the key (${toHex(keyId)})`);
  return ok({ name, keyId, type, publicKey });
}

/** The Ed25519 public key (32 bytes) for a 32-byte secret seed. */
export function publicKeyFromSeed(seed32: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seed32);
}

function parseSignatureLine(line: string, lineNumber: number): Result<NoteSignature, NoteError> {
  const where = `signature line ${lineNumber}`;
  if (!line.startsWith(EM_DASH_SPACE)) return noteError('malformed_note', `${where} does not start with '— '`);
  const fields = line.slice(EM_DASH_SPACE.length).split(' ');
  const [name, b64] = fields;
  if (fields.length !== 2 || name === undefined || b64 === undefined) {
    return noteError('malformed_note', `${where} must be '— <key name> <base64 signature>'`);
  }
  if (!isValidKeyName(name)) return noteError('malformed_note', `${where}: invalid key name ${JSON.stringify(name)}`);
  const bytes = tryFromBase64(b64);
  if (bytes === undefined || bytes.length < 5) {
    return noteError('malformed_note', `${where} (${name}): signature is not base64 of key ID and signature`);
  }
  return ok({ name, keyId: bytes.slice(0, 4), signature: bytes.slice(4), lineNumber, line: `${line}\n` });
}

/** Splits a signed note into its text and signature lines, checking the format only. */
export function parseNote(note: string): Result<ParsedNote, NoteError> {
  const bad = firstBadCharacter(note);
  if (bad !== undefined) return noteError('malformed_note', `note contains ${bad}`);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return noteError('malformed_note', 'note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) return noteError('malformed_note', 'note does not end with a newline after its last signature');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return noteError('malformed_note', `note has more than ${MAX_SIGNATURES} signatures`);
  const firstLineNumber = text.split('\n').length + 1;
  const signatures: NoteSignature[] = [];
  for (const [i, line] of lines.entries()) {
    const parsed = parseSignatureLine(line, firstLineNumber + i);
    if (!parsed.ok) return parsed;
    signatures.push(parsed.value);
  }
  return ok({ text, signatures });
}

function checkNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new TypeError('Note text must end with a newline');
  const bad = firstBadCharacter(text);
  if (bad !== undefined) throw new TypeError(`Note text contains ${bad}`);
}

function signatureLine(name: string, keyId: Uint8Array, signature: Uint8Array): string {
  return `${EM_DASH_SPACE}${name} ${toBase64(concatBytes(keyId, signature))}\n`;
}

function checkSeed(seed32: Uint8Array): void {
  if (seed32.length !== 32) throw new TypeError('Ed25519 seed must be 32 bytes');
}

/**
 * Signs `text` (which must end with '\n') with the Ed25519 key `seed32` under key
 * name `name`: returns text + '\n' + '— name base64(keyID || signature)\n'.
 * Ed25519 is deterministic, so the same inputs give the same note.
 */
export function signNote(text: string, name: string, seed32: Uint8Array): string {
  checkNoteText(text);
  checkSeed(seed32);
  if (!isValidKeyName(name)) throw new TypeError(`Invalid key name ${JSON.stringify(name)}`);
  const publicKey = publicKeyFromSeed(seed32);
  const signature = ed25519.sign(utf8Encode(text), seed32);
  return `${text}\n${signatureLine(name, keyIdEd25519(name, publicKey), signature)}`;
}

/**
 * Appends one signature line ('— name base64\n'; the final newline may be left off)
 * to an already signed note. The line is checked for format only; verify the result.
 * Adding a line that is already present returns the note unchanged.
 */
export function addSignatureLine(note: string, line: string): Result<string, NoteError> {
  const parsedNote = parseNote(note);
  if (!parsedNote.ok) return parsedNote;
  const bare = line.endsWith('\n') ? line.slice(0, -1) : line;
  const lineNumber = parsedNote.value.text.split('\n').length + 1 + parsedNote.value.signatures.length;
  const bad = firstBadCharacter(bare);
  if (bad !== undefined || bare.includes('\n')) {
    return noteError('malformed_note', `signature line ${lineNumber} contains ${bad ?? 'a newline'}`);
  }
  const parsedLine = parseSignatureLine(bare, lineNumber);
  if (!parsedLine.ok) return parsedLine;
  if (parsedNote.value.signatures.some((s) => s.line === parsedLine.value.line)) return ok(note);
  if (parsedNote.value.signatures.length >= MAX_SIGNATURES) {
    return noteError('malformed_note', `note already has ${MAX_SIGNATURES} signatures`);
  }
  return ok(`${note}${parsedLine.value.line}`);
}

/** The cosignature/v1 signed message for a checkpoint text and timestamp. */
function cosignedMessage(text: string, timestamp: bigint): Uint8Array {
  return utf8Encode(`cosignature/v1\ntime ${timestamp.toString()}\n${text}`);
}

function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    // Strict RFC 8032 decoding: no alternative encodings of the same signature.
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

function readTimestamp(signature: Uint8Array): bigint {
  return new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0, false);
}

/** Checks one signature by a known key. Cosignatures return their timestamp. */
function checkSignature(text: string, sig: NoteSignature, key: Vkey): { valid: boolean; timestamp?: bigint } {
  if (key.type === SIGNATURE_TYPE_ED25519) {
    return { valid: sig.signature.length === 64 && ed25519Verify(sig.signature, utf8Encode(text), key.publicKey) };
  }
  if (sig.signature.length !== COSIGNATURE_LENGTH) return { valid: false };
  const timestamp = readTimestamp(sig.signature);
  if (timestamp > MAX_U63) return { valid: false };
  const valid = ed25519Verify(sig.signature.slice(8), cosignedMessage(text, timestamp), key.publicKey);
  return { valid, timestamp };
}

function matchesKey(sig: NoteSignature, key: Vkey): boolean {
  return sig.name === key.name && bytesEqual(sig.keyId, key.keyId);
}

function parseVkeys(vkeys: readonly string[]): Result<Vkey[], NoteError> {
  const keys: Vkey[] = [];
  for (const vkey of vkeys) {
    const parsed = parseVkey(vkey);
    if (!parsed.ok) return parsed;
    keys.push(parsed.value);
  }
  return ok(keys);
}

/**
 * Verifies a signed note against trusted vkeys (Ed25519 type 0x01 or cosignature
 * type 0x04). Signatures from unknown keys (name and key ID not both matching) are
 * ignored; a signature from a known key that fails to verify rejects the note; at
 * least one known signature must verify. verifiedBy lists the key names that did.
 */
export function verifyNote(
  note: string,
  vkeys: readonly string[],
): Result<{ text: string; verifiedBy: string[] }, NoteError> {
  const keys = parseVkeys(vkeys);
  if (!keys.ok) return keys;
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const { text, signatures } = parsed.value;
  const verifiedBy: string[] = [];
  for (const sig of signatures) {
    for (const key of keys.value.filter((k) => matchesKey(sig, k))) {
      if (!checkSignature(text, sig, key).valid) {
        return noteError('bad_signature', `signature on line ${sig.lineNumber} by ${sig.name} does not verify`);
      }
      if (!verifiedBy.includes(key.name)) verifiedBy.push(key.name);
    }
  }
  if (verifiedBy.length === 0) {
    const names = keys.value.map((k) => k.name).join(', ');
    return noteError('no_verified_signature', `note has no signature from a trusted key (${names || 'none given'})`);
  }
  return ok({ text, verifiedBy });
}

/** The checkpoint note text: origin, tree size and base64 root, each on its own line. */
export function checkpointText(origin: string, size: number, rootHash: Uint8Array): string {
  if (origin.length === 0 || origin.includes('\n') || firstBadCharacter(origin) !== undefined) {
    throw new TypeError(`Invalid checkpoint origin ${JSON.stringify(origin)}`);
  }
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`Invalid tree size ${size}`);
  if (rootHash.length !== 32) throw new TypeError('Checkpoint root hash must be 32 bytes');
  return `${origin}\n${size}\n${toBase64(rootHash)}\n`;
}

/**
 * Parses checkpoint note text (not a whole note): at least three non-empty lines,
 * origin, decimal size without leading zeros, base64 32-byte root; further
 * non-empty extension lines are allowed and ignored.
 */
export function parseCheckpoint(text: string): Result<Checkpoint, NoteError> {
  const fail = (message: string): Result<never, NoteError> => noteError('malformed_checkpoint', message);
  if (!text.endsWith('\n')) return fail('checkpoint text must end with a newline');
  const bad = firstBadCharacter(text);
  if (bad !== undefined) return fail(`checkpoint contains ${bad}`);
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeLine, rootLine] = lines;
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) {
    return fail('checkpoint must have origin, size and root lines');
  }
  const empty = lines.findIndex((l) => l.length === 0);
  if (empty >= 0) return fail(`checkpoint line ${empty + 1} is empty`);
  const size = Number(sizeLine);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(size)) {
    return fail(`checkpoint line 2: tree size ${JSON.stringify(sizeLine)} is not a decimal integer`);
  }
  const root = tryFromBase64(rootLine);
  if (root?.length !== 32) return fail('checkpoint line 3: root is not base64 of 32 bytes');
  return ok({ origin, size, root });
}

/**
 * Cosigns a checkpoint as witness `witnessName` (tlog-cosignature, Ed25519 type 0x04)
 * at POSIX time `timestamp`. Accepts the checkpoint text or a signed checkpoint note;
 * returns the note with the cosignature line appended (text + '\n' + line for text).
 */
export function cosignCheckpoint(
  checkpointTextOrNote: string,
  witnessName: string,
  seed32: Uint8Array,
  timestamp: number,
): string {
  checkSeed(seed32);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new TypeError(`Invalid cosignature timestamp ${timestamp}`);
  if (!isValidKeyName(witnessName)) throw new TypeError(`Invalid witness name ${JSON.stringify(witnessName)}`);
  const asNote = parseNote(checkpointTextOrNote);
  const text = asNote.ok ? asNote.value.text : checkpointTextOrNote;
  if (!parseCheckpoint(text).ok) throw new TypeError('cosignCheckpoint needs a checkpoint text or note');
  const ts = new Uint8Array(8);
  new DataView(ts.buffer).setBigUint64(0, BigInt(timestamp), false);
  const signature = ed25519.sign(cosignedMessage(text, BigInt(timestamp)), seed32);
  const keyId = keyIdCosignature(witnessName, publicKeyFromSeed(seed32));
  const line = signatureLine(witnessName, keyId, concatBytes(ts, signature));
  if (!asNote.ok) return `${text}\n${line}`;
  const added = addSignatureLine(checkpointTextOrNote, line);
  if (!added.ok) throw new TypeError(added.error.message);
  return added.value;
}

/**
 * Verifies the cosignature of `witnessVkey` (type 0x04) on a checkpoint note. Every
 * line with the witness's name and key ID must verify; returns the first timestamp.
 */
export function verifyCosignature(note: string, witnessVkey: string): Result<{ timestamp: number }, NoteError> {
  const key = parseVkey(witnessVkey);
  if (!key.ok) return key;
  if (key.value.type !== SIGNATURE_TYPE_COSIGNATURE) {
    return noteError('wrong_key_type', `vkey for ${key.value.name} is not a witness cosignature key (type 0x04)`);
  }
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const lines = parsed.value.signatures.filter((s) => matchesKey(s, key.value));
  const [first] = lines;
  if (first === undefined) return noteError('missing_cosignature', `note has no cosignature by ${key.value.name}`);
  let timestamp: bigint | undefined;
  for (const sig of lines) {
    const checked = checkSignature(parsed.value.text, sig, key.value);
    if (!checked.valid) return noteError('bad_signature', `cosignature on line ${sig.lineNumber} by ${sig.name} does not verify`);
    timestamp ??= checked.timestamp;
  }
  if (timestamp === undefined || timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
    return noteError('bad_signature', `cosignature by ${key.value.name} has a timestamp beyond 2^53`);
  }
  return ok({ timestamp: Number(timestamp) });
}
