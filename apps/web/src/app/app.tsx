import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, Loading } from '../components/status';
import { SignInPage } from '../features/auth/sign-in-page';
import { useTRPC } from '../lib/trpc';
import { Layout } from './layout';
import { Routes } from './routes';
import { SessionProvider } from './session';

/** Signed out: the sign-in page. Signed in: the layout and the page for the current path. */
export function App() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions({}));
  if (me.isPending) return <Loading />;
  if (me.isError) {
    return (
      <main className="content">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) return <SignInPage />;
  return (
    <SessionProvider key={me.data.id} me={me.data}>
      <Layout>
        <Routes />
      </Layout>
    </SessionProvider>
  );
}
