import type { StocktakeDetail, StocktakeLineView } from '@evmtrail/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { PdfLinks } from '../../components/pdf-links';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { mayRunStocktakes, mayScanStocktakes } from './stocktake-list';
import { stocktakeCsvHref, stocktakePdfHref } from './stocktake-links';
import { StocktakeScan } from './stocktake-scan';
import { useUnsyncedCount } from '../scan/use-outbox';

/** One stocktake: counters, scanning while open, closing, and the report. */
export function StocktakePage({ stocktakeId }: { stocktakeId: number }) {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  const detail = useQuery({ ...trpc.stocktake.byId.queryOptions({ districtId: districtId ?? 0, stocktakeId }), enabled: districtId !== null });
  usePageTitle(detail.data ? t('stocktakes.pageTitle', { n: stocktakeId, place: detail.data.location.name }) : t('stocktakes.title'));
  if (districtId === null) return null;
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const s = detail.data;
  const open = s.status === 'open';
  return (
    <section>
      <p className="crumbs"><Link to="/stocktakes">{t('stocktakes.title')}</Link></p>
      <div className="page-head">
        <h1>{t('stocktakes.pageTitle', { n: s.id, place: s.location.name })}</h1>
      </div>
      <dl className="facts">
        <dt>{t('stocktakes.place')}</dt>
        <dd><Link to="/locations/$districtId/$locationId" params={{ districtId, locationId: s.location.id }}>{s.location.name}</Link></dd>
        <dt>{t('stocktakes.statusLabel')}</dt><dd>{t(`stocktakes.status.${s.status}`)}</dd>
        <dt>{t('stocktakes.startedBy')}</dt><dd>{s.startedBy} · {new Date(s.startedAt).toLocaleString()}</dd>
        {s.closedAt && <><dt>{t('stocktakes.closedBy')}</dt><dd>{s.closedBy} · {new Date(s.closedAt).toLocaleString()}</dd></>}
        {s.note && <><dt>{t('stocktakes.note')}</dt><dd>{s.note}</dd></>}
      </dl>
      <Counters s={s} />
      {open && mayScanStocktakes(me.role) && <StocktakeScan districtId={districtId} stocktakeId={s.id} />}
      {open && mayRunStocktakes(me.role) && <CloseStocktake districtId={districtId} s={s} />}
      {!open && (
        <div className="panel">
          <h2>{t('stocktakes.report')}</h2>
          <PdfLinks label={t('stocktakes.reportPdf')} href={(lang) => stocktakePdfHref(districtId, s.id, lang)} />
          <p><a href={stocktakeCsvHref(districtId, s.id)} download>{t('stocktakes.reportCsv')}</a></p>
        </div>
      )}
      {s.notFound.length > 0 && (
        <Lines caption={open ? t('stocktakes.notYetFoundCaption', { n: formatCount(s.missing) }) : t('stocktakes.missingCaption', { n: formatCount(s.missing) })} lines={s.notFound} />
      )}
      {s.notFound.length < s.missing && (
        <p className="hint">{t('stocktakes.firstShown', { shown: formatCount(s.notFound.length), n: formatCount(s.missing) })}</p>
      )}
      {s.surprises.length > 0 && <Lines caption={t('stocktakes.surprisesCaption')} lines={s.surprises} />}
      {s.recent.length > 0 && <Lines caption={t('stocktakes.recentCaption')} lines={s.recent} />}
    </section>
  );
}

function Counters({ s }: { s: StocktakeDetail }) {
  const { t } = useTranslation();
  const missingKey = s.status === 'open' ? 'notYetFound' : 'missing';
  const cells = [
    ['expected', 'expected', s.expected], ['found', 'found', s.found], ['missing', missingKey, s.missing],
    ['unexpected', 'unexpected', s.unexpected], ['elsewhere', 'elsewhere', s.elsewhere],
  ] as const;
  return (
    <div className="table-wrap">
      <table className="data-table numeric-table" aria-label={t('stocktakes.countsCaption')}>
        <thead>
          <tr>{cells.map(([k, label]) => <th key={k} scope="col">{t(`stocktakes.counts.${label}`)}</th>)}</tr>
        </thead>
        <tbody>
          <tr>{cells.map(([k, , n]) => <td key={k} data-count={k}>{formatCount(n)}</td>)}</tr>
        </tbody>
      </table>
    </div>
  );
}

/** Close, after a confirmation naming how many expected units will be reported missing. */
function CloseStocktake({ districtId, s }: { districtId: number; s: StocktakeDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // Scans still waiting on this device: the server refuses to close while any are.
  const unsyncedScans = useUnsyncedCount({ kind: 'stocktake', id: s.id }, districtId);
  const close = useMutation(trpc.stocktake.close.mutationOptions({
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: trpc.stocktake.pathKey() });
      toast.success(t('stocktakes.closed', { place: s.location.name }));
    },
  }));
  return (
    <div className="panel" role="group" aria-label={t('stocktakes.close.title')}>
      <h2>{t('stocktakes.close.title')}</h2>
      {confirming && <p>{t('stocktakes.close.confirmBody', { n: formatCount(s.missing) })}</p>}
      {close.isError && <ErrorAlert error={close.error} />}
      <div className="button-row">
        {!confirming && <button type="button" className="button-primary" onClick={() => setConfirming(true)}>{t('stocktakes.close.button')}</button>}
        {confirming && (
          <>
            <button type="button" className="button-primary" disabled={close.isPending}
              onClick={() => close.mutate({ districtId, stocktakeId: s.id, unsyncedScans })}>
              {t('stocktakes.close.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>{t('stocktakes.start.cancel')}</button>
          </>
        )}
      </div>
    </div>
  );
}

function Lines({ caption, lines }: { caption: string; lines: readonly StocktakeLineView[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap table-scroll">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stocktakes.serial')}</th>
            <th scope="col">{t('stocktakes.outcome')}</th>
            <th scope="col">{t('stocktakes.recordedLocation')}</th>
            <th scope="col">{t('stocktakes.scannedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.serial}>
              <td>{l.outcome === 'unexpected' ? l.serial : <Link to="/units/$serial" params={{ serial: l.serial }}>{l.serial}</Link>}</td>
              <td>{t(`stocktakes.lineOutcome.${l.outcome ?? 'pending'}`)}</td>
              <td>{l.recordedLocation ?? t('common.none')}</td>
              <td>{l.scannedBy ? `${l.scannedBy} · ${new Date(l.scannedAt ?? '').toLocaleString()}` : t('common.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
