import { PERMISSIONS, type Role, type StocktakeSummary } from '@evmtrail/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';

export function mayRunStocktakes(role: string): boolean {
  return PERMISSIONS['stocktake.run'].includes(role as Role);
}

export function mayScanStocktakes(role: string): boolean {
  return PERMISSIONS['stocktake.scan'].includes(role as Role);
}

/** Stocktakes, newest first; the place column is left out on a place's own page. */
export function StocktakeTable({ items, caption, showPlace = true }: { items: readonly StocktakeSummary[]; caption: string; showPlace?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stocktakes.number')}</th>
            {showPlace && <th scope="col">{t('stocktakes.place')}</th>}
            <th scope="col">{t('stocktakes.statusLabel')}</th>
            <th scope="col">{t('stocktakes.startedAt')}</th>
            <th scope="col">{t('stocktakes.counts.expected')}</th>
            <th scope="col">{t('stocktakes.counts.found')}</th>
            <th scope="col">{t('stocktakes.counts.missing')}</th>
            <th scope="col">{t('stocktakes.counts.unexpected')}</th>
            <th scope="col">{t('stocktakes.counts.elsewhere')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <td><Link to="/stocktakes/$stocktakeId" params={{ stocktakeId: s.id }}>{t('stocktakes.numbered', { n: s.id })}</Link></td>
              {showPlace && <td>{s.location.name}</td>}
              <td>{t(`stocktakes.status.${s.status}`)}</td>
              <td>{new Date(s.startedAt).toLocaleString()}</td>
              <td>{formatCount(s.expected)}</td>
              <td>{formatCount(s.found)}</td>
              <td>{formatCount(s.missing)}</td>
              <td>{formatCount(s.unexpected)}</td>
              <td>{formatCount(s.elsewhere)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Start a stocktake of a place, after a confirmation saying what it freezes. */
export function StartStocktake({ districtId, locationId, locationName }: { districtId: number; locationId: number; locationName: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const start = useMutation(trpc.stocktake.start.mutationOptions({
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: trpc.stocktake.list.pathKey() });
      void navigate({ to: '/stocktakes/$stocktakeId', params: { stocktakeId: s.id } });
    },
  }));
  if (!confirming) {
    return (
      <button type="button" className="button-primary" onClick={() => setConfirming(true)}>
        {t('stocktakes.start.button', { place: locationName })}
      </button>
    );
  }
  return (
    <div className="panel" role="group" aria-label={t('stocktakes.start.confirmTitle')}>
      <h2>{t('stocktakes.start.confirmTitle')}</h2>
      <p>{t('stocktakes.start.confirmBody', { place: locationName })}</p>
      {start.isError && <ErrorAlert error={start.error} />}
      <div className="button-row">
        <button type="button" className="button-primary" disabled={start.isPending}
          onClick={() => start.mutate({ districtId, locationId })}>
          {t('stocktakes.start.confirm')}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>{t('stocktakes.start.cancel')}</button>
      </div>
    </div>
  );
}
