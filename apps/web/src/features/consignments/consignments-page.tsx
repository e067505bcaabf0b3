import { CONSIGNMENT_KINDS, maySendConsignment, type ConsignmentKind, type ConsignmentSummary } from '@evmtrail/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** Who creates, loads and dispatches consignments (shared maySendConsignment: never the RO). */
export function mayManageConsignments(role: string): boolean {
  return maySendConsignment(role);
}

const CROSS: readonly ConsignmentKind[] = ['inter_district', 'inter_state', 'loan'];

/** The consignments a district sends or receives, newest first, and a new one. */
export function ConsignmentsPage() {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  usePageTitle(t('consignments.title'));
  const list = useQuery({ ...trpc.consignment.list.queryOptions({ districtId: districtId ?? 0 }), enabled: districtId !== null });
  return (
    <section>
      <div className="page-head"><h1>{t('consignments.title')}</h1></div>
      <p className="hint">{t('consignments.intro')}</p>
      {districtId !== null && mayManageConsignments(me.role) && <NewConsignment districtId={districtId} />}
      {list.isPending && districtId !== null && <Loading />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <p className="status-empty">{t('consignments.none')}</p>}
      {list.data && list.data.length > 0 && <ConsignmentTable items={list.data} districtId={districtId ?? 0} />}
    </section>
  );
}

export function ConsignmentTable({ items, districtId }: { items: readonly ConsignmentSummary[]; districtId: number }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('consignments.listCaption')}>
      <table className="data-table">
        <caption>{t('consignments.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consignments.code')}</th>
            <th scope="col">{t('consignments.kindLabel')}</th>
            <th scope="col">{t('consignments.from')}</th>
            <th scope="col">{t('consignments.to')}</th>
            <th scope="col">{t('consignments.statusLabel')}</th>
            <th scope="col">{t('consignments.units')}</th>
            <th scope="col">{t('consignments.openIssues')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td><Link to="/consignments/$consignmentId" params={{ consignmentId: c.id }}>{c.code}</Link></td>
              <td>{t(`consignments.kind.${c.kind}`)}{c.ac ? ` · ${t('consignments.acLabel', { n: c.ac.number, name: c.ac.name })}` : ''}</td>
              <td>{c.fromName}</td>
              <td>{c.toName}{c.toDistrictId !== districtId || c.districtId !== districtId ? ` (${t(c.districtId === districtId ? 'consignments.outgoing' : 'consignments.incoming')})` : ''}</td>
              <td>{t(`consignments.status.${c.status}`)}</td>
              <td>{formatCount(c.received)} / {formatCount(c.loaded)}</td>
              <td>{formatCount(c.openIssues)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewConsignment({ districtId }: { districtId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const localName = useLocalName();
  const [kind, setKind] = useState<(typeof CONSIGNMENT_KINDS)[number]>('inter_warehouse');
  const [fromId, setFromId] = useState('');
  const [toDistrict, setToDistrict] = useState(String(districtId));
  const [toId, setToId] = useState('');
  const [reference, setReference] = useState('');
  const cross = CROSS.includes(kind);
  const targetDistrict = cross ? Number(toDistrict) : districtId;
  const districts = useQuery(trpc.district.list.queryOptions());
  const tree = useQuery(trpc.location.tree.queryOptions({ districtId }));
  const targetTree = useQuery({ ...trpc.location.tree.queryOptions({ districtId: targetDistrict }), enabled: targetDistrict > 0 });
  const placeKinds = ['warehouse', 'strongroom', 'manufacturer', 'repair_room'];
  const froms = tree.data ? decodeLocations(tree.data.locations).filter((l) => placeKinds.includes(l.kind)) : [];
  const tos = targetTree.data ? decodeLocations(targetTree.data.locations).filter((l) => placeKinds.includes(l.kind)) : [];
  const create = useMutation(trpc.consignment.create.mutationOptions({
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: trpc.consignment.pathKey() });
      void navigate({ to: '/consignments/$consignmentId', params: { consignmentId: c.id } });
    },
  }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      districtId, kind, fromLocationId: Number(fromId), toLocationId: Number(toId),
      ...(cross ? { toDistrictId: targetDistrict } : {}), ...(reference.trim() ? { reference: reference.trim() } : {}),
    });
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={t('consignments.new')}>
      <h2>{t('consignments.new')}</h2>
      <div className="form-grid">
        <label className="field">
          <span>{t('consignments.kindLabel')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as (typeof CONSIGNMENT_KINDS)[number])}>
            {CONSIGNMENT_KINDS.map((k) => <option key={k} value={k}>{t(`consignments.kind.${k}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('consignments.from')}</span>
          <select value={fromId} onChange={(e) => setFromId(e.target.value)} required>
            <option value="">{t('consignments.choosePlace')}</option>
            {froms.map((l) => <option key={l.id} value={l.id}>{l.code} · {localName(l)}</option>)}
          </select>
        </label>
        {cross && (
          <label className="field">
            <span>{t('consignments.toDistrict')}</span>
            <select value={toDistrict} onChange={(e) => { setToDistrict(e.target.value); setToId(''); }}>
              {(districts.data ?? []).map((d) => <option key={d.id} value={d.id}>{localName(d)}</option>)}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('consignments.to')}</span>
          <select value={toId} onChange={(e) => setToId(e.target.value)} required>
            <option value="">{t('consignments.choosePlace')}</option>
            {tos.map((l) => <option key={l.id} value={l.id}>{l.code} · {localName(l)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('consignments.reference')}</span>
          <input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={120} />
        </label>
      </div>
      {targetTree.isError && <ErrorAlert error={targetTree.error} />}
      {create.isError && <ErrorAlert error={create.error} />}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={create.isPending || !fromId || !toId}>{t('consignments.create')}</button>
      </div>
    </form>
  );
}
