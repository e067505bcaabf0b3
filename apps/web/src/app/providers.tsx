import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Toaster } from 'sonner';
import { domainErrorOf, isNetworkError } from '../lib/describe-error';
import { i18n } from '../i18n';
import { createApiClient, errorCode, TRPCProvider } from '../lib/trpc';

const NO_RETRY = new Set(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'TOO_MANY_REQUESTS', 'CONFLICT']);

/** tRPC's query key prefix for `auth.me`. */
const ME_KEY = [['auth', 'me']];

/** Lost connections and a reconnecting database are retried longer; refusals never. */
function shouldRetry(failures: number, error: unknown): boolean {
  if (isNetworkError(error) || domainErrorOf(error)?.type === 'database_unavailable') return failures < 6;
  return failures < 2 && !NO_RETRY.has(errorCode(error) ?? '');
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A session that expired mid-work: ask `auth.me` again, which shows the sign-in page.
    queryCache: new QueryCache({
      onError: (error) => {
        if (errorCode(error) === 'UNAUTHORIZED') void client.invalidateQueries({ queryKey: ME_KEY });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(1_000 * 2 ** attempt, 15_000),
      },
      mutations: { retry: false },
    },
  });
  return client;
}

interface ProvidersProps {
  children: ReactNode;
  /** Absolute api URL for tests; the app itself uses same-origin `/trpc`. */
  apiUrl?: string;
  queryClient?: QueryClient;
}

export function Providers({ children, apiUrl, queryClient }: ProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const [trpcClient] = useState(() => createApiClient(apiUrl));
  return (
    <QueryClientProvider client={client}>
      <TRPCProvider trpcClient={trpcClient} queryClient={client}>
        <I18nextProvider i18n={i18n}>
          {children}
          <Toaster position="bottom-center" richColors closeButton />
        </I18nextProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
