import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/status';
import { useTRPC } from '../../lib/trpc';
import { mayRunStocktakes, StartStocktake, StocktakeTable } from './stocktake-list';

/** A place's stocktakes on its page, and the start button for the DEO and Dy. DEO. */
export function LocationStocktakes({ districtId, locationId, locationName, kind }: { districtId: number; locationId: number; locationName: string; kind: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const trpc = useTRPC();
  const list = useQuery(trpc.stocktake.list.queryOptions({ districtId, locationId }));
  const countable = kind !== 'vehicle' && kind !== 'manufacturer';
  const open = list.data?.some((s) => s.status === 'open') ?? false;
  return (
    <section aria-labelledby="location-stocktakes">
      <h2 id="location-stocktakes">{t('stocktakes.title')}</h2>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <p className="status-empty">{t('stocktakes.noneHere')}</p>}
      {list.data && list.data.length > 0 && <StocktakeTable items={list.data} caption={t('stocktakes.hereCaption')} showPlace={false} />}
      {countable && !open && list.data && mayRunStocktakes(me.role) && (
        <StartStocktake districtId={districtId} locationId={locationId} locationName={locationName} />
      )}
    </section>
  );
}
