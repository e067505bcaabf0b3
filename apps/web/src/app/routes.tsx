import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Link,
  Outlet,
  retainSearchParams,
} from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { LocationPage } from '../features/locations/location-page';
import { LogbookPage } from '../features/locations/logbook-page';
import { CustodyLogPage } from '../features/log/custody-log-page';
import { ReceiptPage } from '../features/receipts/receipt-page';
import { ReceiptsPage } from '../features/receipts/receipts-page';
import { ConsignmentPage } from '../features/consignments/consignment-page';
import { ConsignmentsPage } from '../features/consignments/consignments-page';
import { CeremoniesPage } from '../features/ceremonies/ceremonies-page';
import { CeremonyPage } from '../features/ceremonies/ceremony-page';
import { CeremonyAuditPage } from '../features/ceremony-audit/ceremony-audit-page';
import { StocktakePage } from '../features/stocktakes/stocktake-page';
import { StocktakesPage } from '../features/stocktakes/stocktakes-page';
import { FlcCampaignPage } from '../features/flc/flc-campaign-page';
import { FlcPage } from '../features/flc/flc-page';
import { SetsPage } from '../features/sets/sets-page';
import { PollDayPage } from '../features/pollday/pollday-page';
import { UnitPage } from '../features/units/unit-page';
import { UnitsPage } from '../features/units/units-page';
import { Layout } from './layout';
import { FirstPageContext, useFirstPageMarker, usePageTitle } from './page-title';
import { LocationSearchSchema, MapSearchSchema, RootSearchSchema, UnitsSearchSchema } from './search';
import { SessionProvider, type Me } from './session';

export interface RouterContext {
  readonly me: Me;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  validateSearch: RootSearchSchema,
  // The picked district rides along on every link, so no page forgets it.
  search: { middlewares: [retainSearchParams(['district'])] },
  component: Root,
  notFoundComponent: NotFound,
});

function Root() {
  const { me } = rootRoute.useRouteContext();
  const firstPage = useFirstPageMarker();
  return (
    <SessionProvider key={me.id} me={me}>
      <FirstPageContext value={firstPage}>
        <Layout>
          <Outlet />
        </Layout>
      </FirstPageContext>
    </SessionProvider>
  );
}

function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path: window.location.pathname })}</p>
      <Link to="/">{t('nav.dashboard')}</Link>
    </section>
  );
}

const dashboardRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: DashboardPage });

const unitsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/units',
  validateSearch: UnitsSearchSchema,
  component: UnitsPage,
});

const unitRoute = createRoute({ getParentRoute: () => rootRoute, path: '/units/$serial', component: UnitPageRoute });

function UnitPageRoute() {
  const { serial } = unitRoute.useParams();
  return <UnitPage key={serial} serial={serial} />;
}

const locationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/locations/$districtId/$locationId',
  params: {
    parse: (raw) => ({ districtId: Number(raw.districtId), locationId: Number(raw.locationId) }),
    stringify: (p) => ({ districtId: String(p.districtId), locationId: String(p.locationId) }),
  },
  validateSearch: LocationSearchSchema,
  component: LocationPage,
});

const logbookRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/locations/$districtId/$locationId/logbook',
  params: {
    parse: (raw) => ({ districtId: Number(raw.districtId), locationId: Number(raw.locationId) }),
    stringify: (p) => ({ districtId: String(p.districtId), locationId: String(p.locationId) }),
  },
  component: LogbookPage,
});

// Leaflet is the heaviest dependency; only the map page needs it.
const mapRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/map',
  validateSearch: MapSearchSchema,
  component: lazyRouteComponent(() => import('../features/locations/map-page'), 'MapPage'),
});

const logRoute = createRoute({ getParentRoute: () => rootRoute, path: '/log', component: CustodyLogPage });

const receiptsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/receipts', component: ReceiptsPage });

const receiptRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/receipts/$receiptId',
  params: {
    parse: (raw) => ({ receiptId: Number(raw.receiptId) }),
    stringify: (p) => ({ receiptId: String(p.receiptId) }),
  },
  component: ReceiptPageRoute,
});

function ReceiptPageRoute() {
  const { receiptId } = receiptRoute.useParams();
  return <ReceiptPage key={receiptId} receiptId={receiptId} />;
}


// The scanning screen of any flow's task; the camera reader inside loads only when opened.
const scanRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/scan/$districtId/$kind/$id',
  component: lazyRouteComponent(() => import('../features/scan/scan-route'), 'ScanRoute'),
});


const stocktakesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/stocktakes', component: StocktakesPage });

const stocktakeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/stocktakes/$stocktakeId',
  params: {
    parse: (raw) => ({ stocktakeId: Number(raw.stocktakeId) }),
    stringify: (p) => ({ stocktakeId: String(p.stocktakeId) }),
  },
  component: StocktakePageRoute,
});

function StocktakePageRoute() {
  const { stocktakeId } = stocktakeRoute.useParams();
  return <StocktakePage key={stocktakeId} stocktakeId={stocktakeId} />;
}

const flcRoute = createRoute({ getParentRoute: () => rootRoute, path: '/flc', component: FlcPage });

const flcCampaignRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/flc/$campaignId',
  params: {
    parse: (raw) => ({ campaignId: Number(raw.campaignId) }),
    stringify: (p) => ({ campaignId: String(p.campaignId) }),
  },
  component: FlcCampaignRoute,
});

function FlcCampaignRoute() {
  const { campaignId } = flcCampaignRoute.useParams();
  return <FlcCampaignPage key={campaignId} campaignId={campaignId} />;
}

const setsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sets', component: SetsPage });
const pollDayRoute = createRoute({ getParentRoute: () => rootRoute, path: '/poll-day', component: PollDayPage });

const consignmentsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/consignments', component: ConsignmentsPage });

const consignmentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/consignments/$consignmentId',
  params: {
    parse: (raw) => ({ consignmentId: Number(raw.consignmentId) }),
    stringify: (p) => ({ consignmentId: String(p.consignmentId) }),
  },
  component: ConsignmentPageRoute,
});

function ConsignmentPageRoute() {
  const { consignmentId } = consignmentRoute.useParams();
  return <ConsignmentPage key={consignmentId} consignmentId={consignmentId} />;
}

const ceremoniesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/ceremonies', component: CeremoniesPage });

const ceremonyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ceremonies/$ceremonyId',
  params: {
    parse: (raw) => ({ ceremonyId: Number(raw.ceremonyId) }),
    stringify: (p) => ({ ceremonyId: String(p.ceremonyId) }),
  },
  component: CeremonyPageRoute,
});

function CeremonyPageRoute() {
  const { ceremonyId } = ceremonyRoute.useParams();
  return <CeremonyPage key={ceremonyId} ceremonyId={ceremonyId} />;
}

const ceremonyParams = {
  parse: (raw: Record<string, string>) => ({ ceremonyId: Number(raw.ceremonyId) }),
  stringify: (p: { ceremonyId: number }) => ({ ceremonyId: String(p.ceremonyId) }),
};

const ceremonyAuditRoute = createRoute({ getParentRoute: () => rootRoute, path: '/ceremonies/$ceremonyId/audit', params: ceremonyParams, component: CeremonyAuditRoute });
const ceremonyPresentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/ceremonies/$ceremonyId/present', params: ceremonyParams, component: CeremonyPresentRoute });

function CeremonyAuditRoute() {
  const { ceremonyId } = ceremonyAuditRoute.useParams();
  return <CeremonyAuditPage key={ceremonyId} ceremonyId={ceremonyId} />;
}

function CeremonyPresentRoute() {
  const { ceremonyId } = ceremonyPresentRoute.useParams();
  return <CeremonyAuditPage key={ceremonyId} ceremonyId={ceremonyId} present />;
}

const routeTree = rootRoute.addChildren([
  dashboardRoute, unitsRoute, unitRoute, locationRoute, mapRoute, logRoute, logbookRoute, receiptsRoute, receiptRoute, stocktakesRoute, stocktakeRoute, flcRoute, flcCampaignRoute,
  consignmentsRoute, consignmentRoute, ceremoniesRoute, ceremonyRoute, ceremonyAuditRoute, ceremonyPresentRoute, scanRoute, setsRoute, pollDayRoute,
]);

export function createAppRouter(me: Me) {
  return createRouter({ routeTree, context: { me }, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
