import type { ReceiptDetail, ReceiptLineView } from '@evmtrail/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { kindLabel } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { ScanPanel } from '../scan/scan-panel';
import { ManifestStep } from './manifest-step';
import { CloseActions, IssuesPanel } from './receipt-actions';
import { mayManageReceipts } from './receipts-page';

/** One receipt: its manifest while a draft; counts, lists, scanning and closing while receiving. */
export function ReceiptPage({ receiptId }: { receiptId: number }) {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery({ ...trpc.receipt.byId.queryOptions({ districtId: districtId ?? 0, receiptId }), enabled: districtId !== null });
  // Each answer to a scan moves the counts and lists below.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.receipt.byId.queryKey({ districtId: districtId ?? 0, receiptId }) });
  usePageTitle(detail.data ? t('receipts.pageTitle', { ref: detail.data.orderRef }) : t('receipts.title'));
  if (districtId === null) return null;
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const r = detail.data;
  const manage = mayManageReceipts(me.role);
  return (
    <section>
      <p className="crumbs"><Link to="/receipts">{t('receipts.title')}</Link></p>
      <div className="page-head">
        <h1>{t('receipts.pageTitle', { ref: r.orderRef })}</h1>
      </div>
      <dl className="facts">
        <dt>{t('receipts.maker')}</dt><dd>{r.maker}</dd>
        <dt>{t('receipts.destination')}</dt><dd>{r.destination.name}</dd>
        <dt>{t('receipts.statusLabel')}</dt><dd>{t(`receipts.status.${r.status}`)}</dd>
      </dl>
      {r.status === 'draft' && manage && <ManifestStep districtId={districtId} receiptId={receiptId} />}
      {r.status !== 'draft' && <Counts r={r} />}
      {r.status === 'receiving' && manage && (
        <ScanPanel districtId={districtId} task={{ kind: 'receipt', id: receiptId }} title={t('receipts.scan.title')} onResult={refresh} showTally={false} />
      )}
      {r.status !== 'draft' && <IssuesPanel districtId={districtId} receipt={r} />}
      {r.status === 'receiving' && manage && <CloseActions districtId={districtId} receipt={r} />}
      {r.outstanding.length > 0 && <Lines caption={t('receipts.outstandingCaption', { n: formatCount(r.expected - r.received - r.missing) })} lines={r.outstanding} />}
      {r.missingLines.length > 0 && <Lines caption={t('receipts.missingCaption')} lines={r.missingLines} />}
      {r.recent.length > 0 && <Lines caption={t('receipts.recentCaption')} lines={r.recent} />}
    </section>
  );
}

function Counts({ r }: { r: ReceiptDetail }) {
  const { t } = useTranslation();
  const cells = [
    ['expected', r.expected], ['received', r.received], ['missing', r.missing], ['orphans', r.orphans],
  ] as const;
  return (
    <div className="table-wrap">
      <table className="data-table numeric-table" aria-label={t('receipts.countsCaption')}>
        <thead>
          <tr>{cells.map(([k]) => <th key={k} scope="col">{t(`receipts.${k}`)}</th>)}</tr>
        </thead>
        <tbody>
          <tr>{cells.map(([k, n]) => <td key={k} data-count={k}>{formatCount(n)}</td>)}</tr>
        </tbody>
      </table>
    </div>
  );
}

function Lines({ caption, lines }: { caption: string; lines: readonly ReceiptLineView[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap table-scroll">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('receipts.manifest.line')}</th>
            <th scope="col">{t('receipts.manifest.serial')}</th>
            <th scope="col">{t('receipts.kind')}</th>
            <th scope="col">{t('receipts.model')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.line}>
              <td>{l.line}</td>
              <td>{l.status === 'received' ? <Link to="/units/$serial" params={{ serial: l.serial }}>{l.serial}</Link> : l.serial}</td>
              <td>{kindLabel(t, l.kind)}</td>
              <td>{l.model}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
