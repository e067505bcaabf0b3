import type { PermissionError, TransitionError } from '@evmtrail/shared';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/unstable-core-do-not-import';

import type { AuthError } from './modules/auth/auth.service.ts';
import type { ExportError } from './modules/custody/export.service.ts';
import type { LogError } from './modules/custody/log.service.ts';
import type { UnitServiceError } from './modules/units/unit.service.ts';

export type DomainError = UnitServiceError | AuthError | LogError | ExportError | PermissionError | TransitionError;

/** One exhaustive table from domain error to tRPC code (documenso's habit). */
const CODES: Readonly<Record<DomainError['type'], TRPC_ERROR_CODE_KEY>> = {
  not_found: 'NOT_FOUND',
  log_not_found: 'NOT_FOUND',
  log_unverified: 'PRECONDITION_FAILED',
  invalid_input: 'BAD_REQUEST',
  index_out_of_range: 'BAD_REQUEST',
  location_required: 'BAD_REQUEST',
  conflict: 'CONFLICT',
  forbidden: 'FORBIDDEN',
  outside_jurisdiction: 'FORBIDDEN',
  role_not_allowed: 'FORBIDDEN',
  illegal_transition: 'PRECONDITION_FAILED',
  unit_on_hold: 'PRECONDITION_FAILED',
  flc_not_current: 'PRECONDITION_FAILED',
  training_unit: 'PRECONDITION_FAILED',
  bad_credentials: 'UNAUTHORIZED',
  rate_limited: 'TOO_MANY_REQUESTS',
  export_limited: 'TOO_MANY_REQUESTS',
};

export class DomainTRPCError extends TRPCError {
  constructor(readonly domainError: { readonly type: DomainError['type']; readonly message: string }) {
    super({ code: CODES[domainError.type], message: domainError.message });
  }
}

export function unwrapOrThrow<T>(result: { ok: true; value: T } | { ok: false; error: DomainError }): T {
  if (result.ok) return result.value;
  throw new DomainTRPCError(result.error);
}
