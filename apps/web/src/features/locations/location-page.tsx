import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { labelsPdfHref, locationPdfHref, PdfLinks } from '../../components/pdf-links';
import { LocationStocktakes } from '../stocktakes/location-stocktakes';
import { Empty, ErrorAlert, Loading } from '../../components/status';
import { formatCount, locationKindLabel } from '../../lib/labels';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { CountTable } from '../dashboard/count-table';
import { StrongroomPanel } from '../strongrooms/strongroom-panel';
import { toCountMatrix } from '../dashboard/unit-counts';
import { UnitsTable } from '../units/units-table';
import { useUnitList } from '../units/use-unit-list';

const routeApi = getRouteApi('/locations/$districtId/$locationId');

/** One place: what it is, its units by state and kind, and the units there. */
export function LocationPage() {
  const { t } = useTranslation();
  const { districtId, locationId } = routeApi.useParams();
  const trpc = useTRPC();
  const location = useQuery(trpc.location.byId.queryOptions({ districtId, locationId }));
  usePageTitle(location.data?.name ?? t('location.title'));
  return (
    <section aria-labelledby="location-title">
      <p className="crumbs">
        <Link to="/units">← {t('nav.units')}</Link>
      </p>
      <h1 id="location-title">{location.data?.name ?? t('location.title')}</h1>
      {location.isPending && <Loading />}
      {location.isError && <ErrorAlert error={location.error} onRetry={() => void location.refetch()} />}
      {location.data?.kind === 'strongroom' && <StrongroomPanel districtId={districtId} locationId={locationId} />}
      {location.data && <LocationFacts location={location.data} districtId={districtId} />}
      {location.data && <LocationStocktakes districtId={districtId} locationId={locationId} locationName={location.data.name} kind={location.data.kind} />}
      <LocationUnits districtId={districtId} locationId={locationId} />
    </section>
  );
}

type LocationDetail = RouterOutputs['location']['byId'];

function LocationFacts({ location: l, districtId }: { location: LocationDetail; districtId: number }) {
  const { t } = useTranslation();
  const matrix = toCountMatrix(l.counts.cells);
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('location.kind')}</dt>
          <dd>{locationKindLabel(t, l.kind)}</dd>
        </div>
        {l.ac !== null && (
          <div>
            <dt>{t('location.ac')}</dt>
            <dd>{t('errors.place.ac', { n: l.ac.number, name: l.ac.name })}</dd>
          </div>
        )}
        {l.parentName !== null && (
          <div>
            <dt>{t('location.parent')}</dt>
            <dd>{l.parentName}</dd>
          </div>
        )}
        <div>
          <dt>{t('location.unitsHere')}</dt>
          <dd>{formatCount(matrix.total)}</dd>
        </div>
      </dl>
      <PdfLinks label={t('pdf.locationRegister')} href={(lang) => locationPdfHref(districtId, l.id, lang)} />
      <PdfLinks label={t('pdf.labels')} href={(lang) => labelsPdfHref(districtId, l.id, lang)} />
      {l.kind !== 'strongroom' && (
        <p>
          <Link to="/locations/$districtId/$locationId/logbook" params={{ districtId, locationId: l.id }}>
            {t('logbook.open')}
          </Link>
        </p>
      )}
      {matrix.total > 0 && <CountTable matrix={matrix} caption={t('location.countsCaption')} base={{ locationId: l.id }} />}
    </>
  );
}

function LocationUnits({ districtId, locationId }: { districtId: number; locationId: number }) {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const { list, items, total } = useUnitList({ districtId, locationId, kind: search.kind, state: search.state });
  return (
    <>
      <h2>{t('location.unitsHere')}</h2>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isError && items.length === 0 ? null : !list.isPending && items.length === 0 ? (
        <Empty>{t('location.empty')}</Empty>
      ) : (
        <UnitsTable
          items={items}
          total={total}
          loading={list.isPending}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          sorting={[{ id: 'serial', desc: false }]}
          columnVisibility={{}}
        />
      )}
    </>
  );
}
