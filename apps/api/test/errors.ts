import type { WireDomainError } from '@evmtrail/shared';
import { TRPCError } from '@trpc/server';

import { DomainTRPCError } from '../src/errors.ts';

/** The TRPCError a call fails with; fails the test if the call succeeds or throws something else. */
export async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected a TRPCError, but the call succeeded');
}

/** What the web receives as `error.data.domainError`, or undefined for a failure outside the table. */
export function domainErrorOf(error: TRPCError): WireDomainError | undefined {
  return error instanceof DomainTRPCError ? error.domainError : undefined;
}
