import { useQuery } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ErrorAlert, Loading } from '../components/status';
import { isNetworkError } from '../lib/describe-error';
import { SignInPage } from '../features/auth/sign-in-page';
import { useTRPC } from '../lib/trpc';
import { rememberedMe, rememberMe } from './remembered-me';
import { createAppRouter } from './routes';
import type { Me } from './session';

/** Signed out: the sign-in page. Signed in: the router, with the layout and the page for the URL. */
export function App() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions({}));
  useEffect(() => {
    if (me.isSuccess) rememberMe(me.data);
  }, [me.isSuccess, me.data]);
  // No network (a reload in a warehouse without one): open for whoever was signed in here.
  const offline = !me.isSuccess && isNetworkError(me.failureReason) ? rememberedMe() : null;
  if (offline) return <SignedIn key={offline.id} me={offline} />;
  if (me.isPending) return <Loading />;
  if (me.isError) {
    return (
      <main className="content">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) return <SignInPage />;
  return <SignedIn key={me.data.id} me={me.data} />;
}

function SignedIn({ me }: { me: Me }) {
  const [router] = useState(() => createAppRouter(me));
  return <RouterProvider router={router} context={{ me }} />;
}
