import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n';
import { createApiClient, errorCode, TRPCProvider } from '../lib/trpc';

const NO_RETRY = new Set(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'TOO_MANY_REQUESTS', 'CONFLICT']);

/** tRPC's query key prefix for `auth.me`. */
const ME_KEY = [['auth', 'me']];

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
        retry: (failures, error) => failures < 2 && !NO_RETRY.has(errorCode(error) ?? ''),
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
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
