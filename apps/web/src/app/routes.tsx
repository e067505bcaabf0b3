import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/status';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { CustodyLogPage } from '../features/log/custody-log-page';
import { UnitPage } from '../features/units/unit-page';
import { UnitsPage } from '../features/units/units-page';
import { Link, matchRoute, usePath } from './router';

// Leaflet is the heaviest dependency; only the map page needs it.
const MapPage = lazy(() => import('../features/locations/map-page').then((m) => ({ default: m.MapPage })));

export function Routes() {
  const { t } = useTranslation();
  const route = matchRoute(usePath());
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage />;
    case 'units':
      return <UnitsPage />;
    case 'unit':
      return <UnitPage key={route.serial} serial={route.serial} />;
    case 'map':
      return (
        <Suspense fallback={<Loading />}>
          <MapPage />
        </Suspense>
      );
    case 'log':
      return <CustodyLogPage />;
    case 'not_found':
      return (
        <section>
          <h1>{t('notFound.title')}</h1>
          <p>{t('notFound.body', { path: route.path })}</p>
          <Link to="/">{t('nav.dashboard')}</Link>
        </section>
      );
  }
}
