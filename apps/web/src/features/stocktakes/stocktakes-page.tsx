import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../components/status';
import { useTRPC } from '../../lib/trpc';
import { useLocalName } from '../../lib/use-local-name';
import { decodeLocations } from '../locations/map-model';
import { mayRunStocktakes, StartStocktake, StocktakeTable } from './stocktake-list';

/** The district's stocktakes, newest first, and a new one for the DEO and Dy. DEO. */
export function StocktakesPage() {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  usePageTitle(t('stocktakes.title'));
  const list = useQuery({ ...trpc.stocktake.list.queryOptions({ districtId: districtId ?? 0 }), enabled: districtId !== null });
  return (
    <section>
      <div className="page-head">
        <h1>{t('stocktakes.title')}</h1>
      </div>
      <p className="hint">{t('stocktakes.intro')}</p>
      {districtId !== null && mayRunStocktakes(me.role) && <ChoosePlace districtId={districtId} />}
      {list.isPending && districtId !== null && <Loading />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <p className="status-empty">{t('stocktakes.none')}</p>}
      {list.data && list.data.length > 0 && <StocktakeTable items={list.data} caption={t('stocktakes.listCaption')} />}
    </section>
  );
}

function ChoosePlace({ districtId }: { districtId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const localName = useLocalName();
  const tree = useQuery(trpc.location.tree.queryOptions({ districtId }));
  const [placeId, setPlaceId] = useState('');
  const places = tree.data ? decodeLocations(tree.data.locations).filter((l) => l.kind === 'warehouse' || l.kind === 'strongroom') : [];
  const chosen = places.find((l) => String(l.id) === placeId);
  return (
    <div className="panel">
      <h2>{t('stocktakes.new')}</h2>
      <label className="field place-picker">
        <span>{t('stocktakes.place')}</span>
        <select value={placeId} onChange={(e) => setPlaceId(e.target.value)} disabled={!tree.data}>
          <option value="">{t('stocktakes.choosePlace')}</option>
          {places.map((l) => (
            <option key={l.id} value={l.id}>{l.code} · {localName(l)}</option>
          ))}
        </select>
      </label>
      {chosen && <StartStocktake key={chosen.id} districtId={districtId} locationId={chosen.id} locationName={localName(chosen)} />}
    </div>
  );
}
