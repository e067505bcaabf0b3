/** Failures of EVMRAND/1 as values: each names the offending line, serial, party or field. */
import type { UnitKind } from '../domain/units.ts';
import { err, type Err } from '../lib/result.ts';

export const RAND_ERROR_TYPES = [
  /** A pool or demand row, or the seed, is malformed (bad kind, serial, target, count or field). */
  'rand_invalid_input',
  /** The same serial twice in a pool or id list, or the same (kind, target) twice in a demand. */
  'rand_duplicate',
  /** A published pool.csv or demand.csv is not in its canonical form (order, line endings). */
  'rand_not_canonical',
  /** A kind has fewer units in the pool than the demand asks for. */
  'rand_pool_too_small',
  /** A party's reveal does not open its commitment, or was given without one. */
  'rand_reveal_mismatch',
  /** The seed names a different pool or demand hash than the files given. */
  'rand_seed_mismatch',
] as const;
export type RandErrorType = (typeof RAND_ERROR_TYPES)[number];

export interface RandError {
  readonly type: RandErrorType;
  /** A clear English sentence naming the thing (line, serial, party, kind). */
  readonly message: string;
  /** 1-based line of the csv the failure is on, when it is about a csv. */
  readonly line?: number;
  readonly serial?: string;
  readonly party?: string;
  readonly kind?: UnitKind;
  /** The seed field (E, R, U, P, Q, D, C) or input name the failure is about. */
  readonly field?: string;
}

/** Shorthand for `err({ type, message, ...context })`. */
export function randErr(
  type: RandErrorType,
  message: string,
  context: Omit<RandError, 'type' | 'message'> = {},
): Err<RandError> {
  return err({ type, message, ...context });
}
