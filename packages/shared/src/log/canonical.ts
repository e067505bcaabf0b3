/**
 * RFC 8785 (JSON Canonicalization Scheme) restricted to the EVMLOG/1 subset:
 * null, booleans, strings, safe integers, arrays and plain objects with ASCII keys.
 * With integers only, JCS number formatting is plain decimal and key order is a
 * simple code-unit sort, so the serialiser is small and needs no dependency.
 */
import { err, ok, type Result } from '../lib/result.ts';

export interface CanonicalJsonError {
  readonly type: 'invalid_json' | 'unsupported_value' | 'not_canonical';
  readonly message: string;
}

const LONE_SURROGATE = /\p{Cs}/u;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

type PathSegment = string | number;

/** Why a value is not canonicalisable; the path is built on the way out (no cost when valid). */
interface Problem {
  readonly what: string;
  readonly path: PathSegment[];
}

interface Walk {
  readonly seen: Set<object>;
  /** Stays true while every object's own keys are already in code-unit order. */
  isSorted: boolean;
}

function formatPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** String.prototype.isWellFormed (ES2024) where available; a regex otherwise. */
function isWellFormed(s: string): boolean {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  return native === undefined ? !LONE_SURROGATE.test(s) : native.call(s);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    if (s.charCodeAt(i) > 0x7f) return false;
  }
  return true;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function within(problem: Problem | undefined, segment: PathSegment): Problem | undefined {
  problem?.path.unshift(segment);
  return problem;
}

function checkArray(value: readonly unknown[], walk: Walk): Problem | undefined {
  for (let i = 0; i < value.length; i += 1) {
    const problem = within(check(value[i], walk), i);
    if (problem) return problem;
  }
  return undefined;
}

function checkObject(value: Record<string, unknown>, walk: Walk): Problem | undefined {
  let previous: string | undefined;
  for (const key of Object.keys(value)) {
    if (!isAscii(key)) return { what: 'non-ASCII object key', path: [key] };
    if (previous !== undefined && !(previous < key)) walk.isSorted = false;
    previous = key;
    const problem = within(check(value[key], walk), key);
    if (problem) return problem;
  }
  return undefined;
}

function checkContainer(value: object, walk: Walk): Problem | undefined {
  if (walk.seen.has(value)) return { what: 'cycle', path: [] };
  if (!Array.isArray(value) && !isPlainObject(value)) return { what: 'not a plain object or array', path: [] };
  walk.seen.add(value);
  const problem = Array.isArray(value) ? checkArray(value, walk) : checkObject(value, walk);
  walk.seen.delete(value);
  return problem;
}

/** Validates the EVMLOG/1 JSON subset; returns the first problem found. */
function check(value: unknown, walk: Walk): Problem | undefined {
  if (value === null) return undefined;
  switch (typeof value) {
    case 'boolean':
      return undefined;
    case 'string':
      return isWellFormed(value) ? undefined : { what: 'lone surrogate in string', path: [] };
    case 'number':
      return Number.isSafeInteger(value) ? undefined : { what: `not a safe integer (${String(value)})`, path: [] };
    case 'object':
      return checkContainer(value, walk);
    case 'undefined':
    case 'function':
    case 'symbol':
    case 'bigint':
      return { what: `${typeof value} is not JSON`, path: [] };
  }
  return { what: 'unsupported value', path: [] };
}

/** Serialises an already checked value, sorting keys (for integer-like keys too). */
function serializeSorted(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(serializeSorted).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${serializeSorted(record[key])}`);
  return `{${members.join(',')}}`;
}

/**
 * RFC 8785 canonical JSON text of `value`. Throws a TypeError naming the path
 * (e.g. `$.units[2]`) for numbers that are not safe integers, non-ASCII object keys,
 * undefined, functions, symbols, bigints, lone surrogates, cycles and objects that
 * are not plain objects or arrays.
 *
 * Within this subset JCS output equals JSON.stringify once keys are in code-unit
 * order, so values whose keys already are (e.g. freshly parsed canonical text) take
 * the native fast path.
 */
export function canonicalJson(value: unknown): string {
  const walk: Walk = { seen: new Set(), isSorted: true };
  const problem = check(value, walk);
  if (problem) throw new TypeError(`canonicalJson: ${problem.what} at ${formatPath(problem.path)}`);
  return walk.isSorted ? JSON.stringify(value) : serializeSorted(value);
}

/**
 * Parses `text` as JSON and returns the value only if `text` is exactly its own
 * canonical form (so any whitespace, escape, key-order or number-format variation
 * is an error).
 */
export function parseCanonicalJson(text: string): Result<unknown, CanonicalJsonError> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return err({ type: 'invalid_json', message: `not valid JSON: ${(e as Error).message}` });
  }
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch (e) {
    return err({ type: 'unsupported_value', message: (e as Error).message });
  }
  if (canonical !== text) {
    return err({ type: 'not_canonical', message: `not canonical JSON (RFC 8785): ${firstDifference(text, canonical)}` });
  }
  return ok(value);
}

function firstDifference(text: string, canonical: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === canonical.charCodeAt(i)) i += 1;
  return `first difference at character ${i}`;
}

/** True iff `text` parses as JSON and re-serialises (canonicalJson) to exactly `text`. */
export function isCanonicalJson(text: string): boolean {
  return parseCanonicalJson(text).ok;
}
