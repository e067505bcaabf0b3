import { hashKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch';
import { ErrorAlert } from '../components/status';
import { jurisdictionLabel, roleLabel } from '../lib/labels';
import { useTRPC } from '../lib/trpc';
import { Link, matchRoute, navigate, usePath, type Route } from './router';
import { useSession } from './session';

const NAV: readonly { to: string; key: string; routes: readonly Route['name'][] }[] = [
  { to: '/', key: 'nav.dashboard', routes: ['dashboard'] },
  { to: '/units', key: 'nav.units', routes: ['units', 'unit'] },
  { to: '/map', key: 'nav.map', routes: ['map'] },
  { to: '/log', key: 'nav.log', routes: ['log'] },
];

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const route = matchRoute(usePath());
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        // Signed out: nobody is signed in, and nothing cached for the last user survives.
        const meKey = trpc.auth.me.queryKey({});
        queryClient.setQueryData(meKey, null);
        queryClient.removeQueries({ predicate: (q) => q.queryHash !== hashKey(meKey) });
        navigate('/', { replace: true });
      },
    }),
  );

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('header.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="who">
          <span className="who-name">{me.displayName}</span>
          <span className="who-role">
            {roleLabel(t, me.role)} · {jurisdictionLabel(me, i18n.language)}
          </span>
        </div>
        <LanguageSwitch />
        <button type="button" className="button-quiet" onClick={() => signOut.mutate({})} disabled={signOut.isPending}>
          {t('header.signOut')}
        </button>
      </header>
      <nav className="mainnav" aria-label={t('nav.label')}>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={item.routes.includes(route.name) ? 'page' : undefined}>
                {t(item.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content">
        {signOut.isError && <ErrorAlert error={signOut.error} />}
        {children}
      </main>
    </div>
  );
}
