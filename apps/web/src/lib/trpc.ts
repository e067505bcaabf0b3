import type { AppRouter } from '@evmtrail/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The api lives on the same origin at `/trpc`; tests pass an absolute URL. */
export function createApiClient(url = '/trpc') {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        // The api refuses a batch of more than 10 calls (400 batch_too_large).
        maxItems: 10,
        fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The tRPC error code (`NOT_FOUND`, `UNAUTHORIZED`, ...) of an error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : undefined;
  }
  return undefined;
}

interface FlatZodError {
  readonly formErrors?: readonly string[];
  readonly fieldErrors?: Readonly<Record<string, readonly string[] | undefined>>;
}

/** The messages of a rejected input, e.g. "Unit serial 'A B' is not valid: …". */
function inputErrorText(zodError: FlatZodError): string | null {
  const messages = [...(zodError.formErrors ?? []), ...Object.values(zodError.fieldErrors ?? {}).flatMap((m) => m ?? [])];
  return messages.length > 0 ? messages.join(' ') : null;
}

/** tRPC puts a rejected input's issues in the message as JSON; take their own messages. */
function issuesText(message: string): string | null {
  if (!message.trimStart().startsWith('[')) return null;
  try {
    const issues = JSON.parse(message) as unknown;
    if (!Array.isArray(issues)) return null;
    const texts = issues.map((i: { message?: unknown }) => (typeof i.message === 'string' ? i.message : null));
    return texts.every((m) => m !== null) && texts.length > 0 ? texts.join(' ') : null;
  } catch {
    return null;
  }
}

/** A message fit to show the user: the server's own text for tRPC errors. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data as { zodError?: FlatZodError | null } | undefined;
    const fromZod = data?.zodError ? inputErrorText(data.zodError) : null;
    if (fromZod) return fromZod;
  }
  return issuesText(error.message) ?? error.message;
}
