import { PERMISSIONS } from '@evmtrail/shared';
import { hashKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch';
import { OfflineBanner } from '../components/offline-banner';
import { ErrorAlert } from '../components/status';
import { useOutboxSync } from '../features/scan/use-outbox';
import { showsSets } from '../features/sets/sets-page';
import { showsPollDay } from '../features/pollday/pollday-page';
import { useGlobalScan } from '../features/units/use-global-scan';
import { jurisdictionLabel, roleLabel } from '../lib/labels';
import { useTRPC } from '../lib/trpc';
import { rememberMe } from './remembered-me';
import { useSession } from './session';

const NAV = [
  { to: '/', key: 'nav.dashboard', exact: true },
  { to: '/units', key: 'nav.units', exact: false },
  { to: '/map', key: 'nav.map', exact: false },
  { to: '/log', key: 'nav.log', exact: false },
  { to: '/stocktakes', key: 'nav.stocktakes', exact: false },
  { to: '/flc', key: 'nav.flc', exact: false },
  { to: '/ceremonies', key: 'nav.ceremonies', exact: false },
] as const;

/** Roles that take in supply orders or resolve them (warehouse, DEO and above). */
function showsReceipts(role: string): boolean {
  return ([...PERMISSIONS['receipt.manage'], ...PERMISSIONS['receipt.resolve']] as string[]).includes(role);
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useGlobalScan();
  // Scans kept offline are sent from whatever page is open once the network is back.
  useOutboxSync();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        // Signed out: nobody is signed in, and nothing cached for the last user survives.
        const meKey = trpc.auth.me.queryKey({});
        void navigate({ to: '/', search: {}, replace: true });
        queryClient.setQueryData(meKey, null);
        rememberMe(null);
        queryClient.removeQueries({ predicate: (q) => q.queryHash !== hashKey(meKey) });
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
              <Link to={item.to} activeOptions={{ exact: item.exact, includeSearch: false }}>
                {t(item.key)}
              </Link>
            </li>
          ))}
          {showsSets(me.role) && (
            <li>
              <Link to="/sets" activeOptions={{ exact: false, includeSearch: false }}>
                {t('nav.sets')}
              </Link>
            </li>
          )}
          {showsPollDay(me.role) && (
            <li>
              <Link to="/poll-day" activeOptions={{ exact: false, includeSearch: false }}>
                {t('nav.pollDay')}
              </Link>
            </li>
          )}
          {showsReceipts(me.role) && (
            <li>
              <Link to="/receipts" activeOptions={{ exact: false, includeSearch: false }}>
                {t('nav.receipts')}
              </Link>
            </li>
          )}
          {showsReceipts(me.role) && (
            <li>
              <Link to="/consignments" activeOptions={{ exact: false, includeSearch: false }}>
                {t('nav.consignments')}
              </Link>
            </li>
          )}
        </ul>
      </nav>
      <OfflineBanner />
      <main id="main" className="content">
        {signOut.isError && <ErrorAlert error={signOut.error} />}
        {children}
      </main>
    </div>
  );
}
