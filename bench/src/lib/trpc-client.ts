/** A tRPC client over HTTP that keeps the session cookie, as a browser would. */
import type { AppRouter } from '@evmtrail/api';
import { createTRPCClient, httpLink } from '@trpc/client';

export function createApiClient(baseUrl: string) {
  const cookies = new Map<string, string>();
  const cookieFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return response;
  };
  // httpLink (not the batch link): one HTTP request per call, which is what we time.
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${baseUrl}/trpc`, fetch: cookieFetch })] });
}

export type ApiClient = ReturnType<typeof createApiClient>;
