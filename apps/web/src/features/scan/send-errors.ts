import { domainErrorOf, isNetworkError, retryModeOf } from '../../lib/describe-error';
import { errorCode, errorMessage } from '../../lib/trpc';
import type { StoredError } from './outbox-store';

/** Why a send failed, in a form IndexedDB can keep and any language can say again. */
export function storedError(error: unknown): StoredError {
  const domain = domainErrorOf(error);
  if (domain) return { kind: domain.type, message: domain.message, params: cleanParams(domain.params) };
  return { kind: isNetworkError(error) ? 'network' : 'unknown', message: errorMessage(error), params: {} };
}

function cleanParams(params: Readonly<Record<string, string | number | undefined>>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined));
}

/** tRPC codes that are answers, not mishaps, when the api sent no domain error with them. */
const REFUSING_CODES = new Set(['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'UNPROCESSABLE_CONTENT']);

/**
 * A definite refusal: sending it again gets the same answer. A lost connection, a database
 * reconnecting, a conflict or an ended session (the user signs in again) are tried again.
 */
export function isRefusal(error: StoredError, raw: unknown): boolean {
  if (error.kind === 'network' || error.kind === 'unauthenticated') return false;
  if (error.kind === 'unknown') return REFUSING_CODES.has(errorCode(raw) ?? '');
  return retryModeOf(error.kind as Parameters<typeof retryModeOf>[0]) === 'none';
}
