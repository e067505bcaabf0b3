import type { DomainErrorType, WireDomainError } from '@evmtrail/shared';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/unstable-core-do-not-import';

import { DatabaseUnavailableError } from './db/resilient-pool.ts';
import type { Failure } from './failure.ts';

/**
 * The one table from an expected failure to its tRPC code (documenso's habit). Keyed by every
 * type of the wire contract, so a type added to DOMAIN_ERROR_TYPES fails typecheck here.
 */
const CODES: Readonly<Record<DomainErrorType, TRPC_ERROR_CODE_KEY>> = {
  not_found: 'NOT_FOUND',
  log_not_found: 'NOT_FOUND',
  log_unverified: 'PRECONDITION_FAILED',
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
  manifest_has_problems: 'PRECONDITION_FAILED',
  receipt_status: 'PRECONDITION_FAILED',
  receipt_outstanding: 'PRECONDITION_FAILED',
  unsynced_scans: 'PRECONDITION_FAILED',
  stocktake_open: 'CONFLICT',
  stocktake_closed: 'PRECONDITION_FAILED',
  stocktake_unsynced: 'PRECONDITION_FAILED',
  flc_notice_period: 'PRECONDITION_FAILED',
  flc_campaign_status: 'PRECONDITION_FAILED',
  flc_not_hall: 'BAD_REQUEST',
  flc_sample_drawn: 'CONFLICT',
  flc_not_sampled: 'PRECONDITION_FAILED',
  flc_sample_recorded: 'CONFLICT',
  flc_sample_votes: 'BAD_REQUEST',
  flc_close_outstanding: 'PRECONDITION_FAILED',
  consignment_status: 'PRECONDITION_FAILED',
  consignment_outstanding: 'PRECONDITION_FAILED',
  consignment_unsynced: 'PRECONDITION_FAILED',
  consignment_not_allocated: 'BAD_REQUEST',
  ceremony_state: 'PRECONDITION_FAILED',
  ceremony_ineligible: 'BAD_REQUEST',
  ceremony_password: 'FORBIDDEN',
  ceremony_not_in_allocation: 'BAD_REQUEST',
  set_incomplete: 'PRECONDITION_FAILED',
  set_status: 'PRECONDITION_FAILED',
  bu_per_cu_limit: 'BAD_REQUEST',
  sector_station_count: 'BAD_REQUEST',
  replacement_rule: 'BAD_REQUEST',
  not_sector_reserve: 'BAD_REQUEST',
  poll_step: 'PRECONDITION_FAILED',
  mock_poll_certificate: 'BAD_REQUEST',
  rand_invalid_input: 'BAD_REQUEST',
  rand_duplicate: 'CONFLICT',
  rand_not_canonical: 'BAD_REQUEST',
  rand_pool_too_small: 'PRECONDITION_FAILED',
  rand_reveal_mismatch: 'BAD_REQUEST',
  rand_seed_mismatch: 'BAD_REQUEST',
  strongroom_sealed: 'PRECONDITION_FAILED',
  strongroom_open: 'CONFLICT',
  strongroom_not_open: 'PRECONDITION_FAILED',
  not_key_holder: 'FORBIDDEN',
  key_holder_password: 'FORBIDDEN',
  seal_mismatch: 'PRECONDITION_FAILED',
  bad_credentials: 'UNAUTHORIZED',
  rate_limited: 'TOO_MANY_REQUESTS',
  address_rate_limited: 'TOO_MANY_REQUESTS',
  database_unavailable: 'SERVICE_UNAVAILABLE',
  export_limited: 'TOO_MANY_REQUESTS',
  batch_too_large: 'BAD_REQUEST',
  request_too_large: 'PAYLOAD_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  cross_site_request: 'FORBIDDEN',
};

export function codeOf(type: DomainErrorType): TRPC_ERROR_CODE_KEY {
  return CODES[type];
}

/** Failures of the api itself rather than of a module: the database gone, a request over a limit. */
export type InfrastructureError =
  | { readonly type: 'database_unavailable'; readonly message: string; readonly params: Record<string, never> }
  | { readonly type: 'batch_too_large'; readonly message: string; readonly params: { readonly limit: number } }
  | { readonly type: 'request_too_large'; readonly message: string; readonly params: { readonly limit: number } }
  | { readonly type: 'unsupported_media_type'; readonly message: string; readonly params: Record<string, never> }
  | { readonly type: 'cross_site_request'; readonly message: string; readonly params: Record<string, never> };

/** A failure on its way to the web: `error.data.domainError` (see trpc.ts errorFormatter). */
export class DomainTRPCError extends TRPCError {
  readonly domainError: WireDomainError;
  constructor(failure: { readonly type: DomainErrorType; readonly message: string; readonly params?: Failure['params'] }) {
    super({ code: CODES[failure.type], message: failure.message });
    this.domainError = { type: failure.type, message: failure.message, params: failure.params ?? {} };
  }
}

type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: { readonly type: DomainErrorType; readonly message: string; readonly params?: Failure['params'] } };

export function unwrapOrThrow<T>(result: Outcome<T>): T {
  if (result.ok) return result.value;
  throw new DomainTRPCError(result.error);
}

/** The database went away under a procedure: a 503 'database_unavailable' instead of a 500. */
export function infrastructureError(error: TRPCError): DomainTRPCError | null {
  if (error instanceof DomainTRPCError || !(error.cause instanceof DatabaseUnavailableError)) return null;
  return new DomainTRPCError({
    type: 'database_unavailable', params: {},
    message: 'The database is unavailable for the moment; try again in a few seconds',
  });
}

/** The tRPC wire answer for a request refused before it reaches tRPC (too big, wrong type, cross-site). */
export function refusalReply(domainError: InfrastructureError): { status: number; body: unknown } {
  const error = new DomainTRPCError(domainError);
  const status = getHTTPStatusCodeFromError(error);
  return {
    status,
    body: { error: { message: domainError.message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data: { code: error.code, httpStatus: status, domainError } } },
  };
}
