import type { DomainErrorType, WireDomainError } from '@evmtrail/shared';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/unstable-core-do-not-import';

import type { Failure } from './failure.ts';

/**
 * The one table from an expected failure to its tRPC code (documenso's habit). Keyed by every
 * type of the wire contract, so a type added to DOMAIN_ERROR_TYPES fails typecheck here.
 */
const CODES: Readonly<Record<DomainErrorType, TRPC_ERROR_CODE_KEY>> = {
  not_found: 'NOT_FOUND',
  log_not_found: 'NOT_FOUND',
  invalid_input: 'BAD_REQUEST',
  index_out_of_range: 'BAD_REQUEST',
  location_required: 'BAD_REQUEST',
  conflict: 'CONFLICT',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  outside_jurisdiction: 'FORBIDDEN',
  role_not_allowed: 'FORBIDDEN',
  illegal_transition: 'PRECONDITION_FAILED',
  unit_on_hold: 'PRECONDITION_FAILED',
  flc_not_current: 'PRECONDITION_FAILED',
  training_unit: 'PRECONDITION_FAILED',
  bad_credentials: 'UNAUTHORIZED',
  rate_limited: 'TOO_MANY_REQUESTS',
  address_rate_limited: 'TOO_MANY_REQUESTS',
  database_unavailable: 'SERVICE_UNAVAILABLE',
  log_unverified: 'SERVICE_UNAVAILABLE',
  export_limited: 'TOO_MANY_REQUESTS',
  batch_too_large: 'PAYLOAD_TOO_LARGE',
};

export function codeOf(type: DomainErrorType): TRPC_ERROR_CODE_KEY {
  return CODES[type];
}

/** A failure on its way to the web: `error.data.domainError` (see trpc.ts errorFormatter). */
export class DomainTRPCError extends TRPCError {
  readonly domainError: WireDomainError;
  constructor(failure: { readonly type: DomainErrorType; readonly message: string; readonly params?: Failure['params'] }) {
    super({ code: CODES[failure.type], message: failure.message });
    this.domainError = { type: failure.type, message: failure.message, params: failure.params ?? {} };
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: { readonly type: DomainErrorType; readonly message: string; readonly params?: Failure['params'] } };

export function unwrapOrThrow<T>(result: Outcome<T>): T {
  if (result.ok) return result.value;
  throw new DomainTRPCError(result.error);
}
