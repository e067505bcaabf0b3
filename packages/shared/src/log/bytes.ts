/**
 * Byte helpers for the custody log. Isomorphic: no Buffer, no atob/btoa, no
 * node:* imports, so the same bytes come out in Node and in the browser.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

const HEX_DIGITS = '0123456789abcdef';
/** ASCII codes of the two hex digits of every byte value, at 2b and 2b + 1. */
const HEX_CODES: Uint8Array = Uint8Array.from({ length: 512 }, (_, i) =>
  HEX_DIGITS.charCodeAt(i % 2 === 0 ? i >> 5 : (i >> 1) & 15),
);
const BASE64_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE: Int16Array = buildBase64Table();

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function buildBase64Table(): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < BASE64_ALPHABET.length; i += 1) {
    table[BASE64_ALPHABET.charCodeAt(i)] = i;
  }
  return table;
}

/** SHA-256 of `data` (32 bytes). */
export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

/** UTF-8 bytes of a string. */
export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8; throws a TypeError on malformed input. A BOM is kept as U+FEFF. */
export function utf8Decode(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Lowercase hex. */
export function toHex(b: Uint8Array): string {
  const codes = new Uint8Array(b.length * 2);
  for (let i = 0; i < b.length; i += 1) {
    const byte = b[i] ?? 0;
    codes[2 * i] = HEX_CODES[2 * byte] ?? 0;
    codes[2 * i + 1] = HEX_CODES[2 * byte + 1] ?? 0;
  }
  return decoder.decode(codes); // ASCII, so UTF-8 decoding is exact
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/** Parses hex (either case); throws a TypeError on odd length or a non-hex character. */
export function fromHex(s: string): Uint8Array {
  if (s.length % 2 !== 0) {
    throw new TypeError(`Hex string has odd length ${s.length}`);
  }
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i += 1) {
    const hi = hexValue(s.charCodeAt(2 * i));
    const lo = hexValue(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      throw new TypeError(`Invalid hex character near position ${2 * i}`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Standard base64 (RFC 4648 §4) with padding. */
export function toBase64(b: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = ((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += base64Quad(n, 4);
  }
  const rest = b.length - i;
  if (rest === 1) out += `${base64Quad((b[i] ?? 0) << 16, 2)}==`;
  if (rest === 2) {
    out += `${base64Quad(((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8), 3)}=`;
  }
  return out;
}

function base64Quad(n: number, chars: number): string {
  let out = '';
  for (let k = 0; k < chars; k += 1) {
    out += BASE64_ALPHABET[(n >> (18 - 6 * k)) & 63] ?? '';
  }
  return out;
}

/**
 * Strict standard base64 with padding: length a multiple of 4, only the RFC 4648
 * alphabet, '=' only at the end and unused bits zero, so that every byte string has
 * exactly one accepted encoding. Returns undefined on anything else.
 */
export function tryFromBase64(s: string): Uint8Array | undefined {
  if (s.length % 4 !== 0) return undefined;
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - padding);
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < s.length - padding; i += 1) {
    const code = s.charCodeAt(i);
    const v = code < 128 ? (BASE64_VALUE[code] ?? -1) : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o] = (acc >> bits) & 0xff;
      o += 1;
    }
  }
  // Non-canonical encodings leave non-zero bits behind.
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/** Strict standard base64 with padding (see tryFromBase64); throws a TypeError on bad input. */
export function fromBase64(s: string): Uint8Array {
  const out = tryFromBase64(s);
  if (out === undefined) throw new TypeError('Invalid base64 string');
  return out;
}

/** Byte-wise equality (not constant time; everything compared here is public). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

/** Concatenates byte arrays into a new one. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
