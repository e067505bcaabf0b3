import { TRPCError } from '@trpc/server';

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
