import { PERMISSIONS, type Role } from '@evmtrail/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useLocalName } from '../../lib/use-local-name';
import { decodeLocations } from '../locations/map-model';

export function mayManageReceipts(role: string): boolean {
  return PERMISSIONS['receipt.manage'].includes(role as Role);
}

/** The district's receipts from the makers, newest first, and a new one for the warehouse. */
export function ReceiptsPage() {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  usePageTitle(t('receipts.title'));
  const list = useQuery({ ...trpc.receipt.list.queryOptions({ districtId: districtId ?? 0 }), enabled: districtId !== null });
  return (
    <section>
      <div className="page-head">
        <h1>{t('receipts.title')}</h1>
      </div>
      <p className="hint">{t('receipts.intro')}</p>
      {districtId !== null && mayManageReceipts(me.role) && <NewReceiptForm districtId={districtId} />}
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <p className="status-empty">{t('receipts.none')}</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption>{t('receipts.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('receipts.orderRef')}</th>
                <th scope="col">{t('receipts.maker')}</th>
                <th scope="col">{t('receipts.destination')}</th>
                <th scope="col">{t('receipts.statusLabel')}</th>
                <th scope="col">{t('receipts.expected')}</th>
                <th scope="col">{t('receipts.received')}</th>
                <th scope="col">{t('receipts.missing')}</th>
                <th scope="col">{t('receipts.orphans')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to="/receipts/$receiptId" params={{ receiptId: r.id }}>{r.orderRef}</Link>
                  </td>
                  <td>{r.maker}</td>
                  <td>{r.destination.name}</td>
                  <td>{t(`receipts.status.${r.status}`)}</td>
                  <td>{formatCount(r.expected)}</td>
                  <td>{formatCount(r.received)}</td>
                  <td>{formatCount(r.missing)}</td>
                  <td>{formatCount(r.orphans)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NewReceiptForm({ districtId }: { districtId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const localName = useLocalName();
  const tree = useQuery(trpc.location.tree.queryOptions({ districtId }));
  const [maker, setMaker] = useState<'BEL' | 'ECIL'>('BEL');
  const [orderRef, setOrderRef] = useState('');
  const [destinationId, setDestinationId] = useState('');
  const create = useMutation(trpc.receipt.create.mutationOptions({
    onSuccess: (receipt) => void navigate({ to: '/receipts/$receiptId', params: { receiptId: receipt.id } }),
  }));
  const places = tree.data ? decodeLocations(tree.data.locations).filter((l) => l.kind === 'warehouse' || l.kind === 'strongroom') : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ districtId, maker, orderRef, destinationId: Number(destinationId) });
  };
  return (
    <form className="panel record-form" onSubmit={submit} aria-label={t('receipts.new')}>
      <h2>{t('receipts.new')}</h2>
      <div className="field-pair">
        <label className="field">
          <span>{t('receipts.maker')}</span>
          <select value={maker} onChange={(e) => setMaker(e.target.value as 'BEL' | 'ECIL')}>
            <option value="BEL">BEL</option>
            <option value="ECIL">ECIL</option>
          </select>
        </label>
        <label className="field">
          <span>{t('receipts.orderRef')}</span>
          <input value={orderRef} onChange={(e) => setOrderRef(e.target.value)} required maxLength={60} />
        </label>
        <label className="field">
          <span>{t('receipts.destination')}</span>
          <select value={destinationId} onChange={(e) => setDestinationId(e.target.value)} required disabled={!tree.data}>
            <option value="">{t('receipts.chooseDestination')}</option>
            {places.map((l) => (
              <option key={l.id} value={l.id}>{l.code} · {localName(l)}</option>
            ))}
          </select>
        </label>
      </div>
      {create.isError && <ErrorAlert error={create.error} />}
      <button type="submit" className="button-primary" disabled={create.isPending}>{t('receipts.create')}</button>
    </form>
  );
}
