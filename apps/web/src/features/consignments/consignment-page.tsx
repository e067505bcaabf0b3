import { CONSIGNMENT_RESOLUTIONS, mayApproveConsignment, mayReceiveConsignment, type ConsignmentDetail, type ConsignmentIssue, type ConsignmentResolution } from '@evmtrail/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { ScanPanel } from '../scan/scan-panel';
import { useUnsyncedCount } from '../scan/use-outbox';
import { mayManageConsignments } from './consignments-page';

/**
 * One consignment: the sending district loads it (scan or pick) and dispatches it; the receiving
 * district scans it in, settles the discrepancies and completes it. Its log entries below.
 */
export function ConsignmentPage({ consignmentId }: { consignmentId: number }) {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery({ ...trpc.consignment.byId.queryOptions({ districtId: districtId ?? 0, consignmentId }), enabled: districtId !== null });
  usePageTitle(detail.data ? t('consignments.pageTitle', { code: detail.data.code }) : t('consignments.title'));
  if (districtId === null) return null;
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const c = detail.data;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.consignment.pathKey() });
  const manage = mayManageConsignments(me.role);
  const receive = mayReceiveConsignment(me.role, c.kind);
  const sending = c.districtId === districtId;
  const receiving = c.toDistrictId === districtId;
  const loading = c.status === 'draft' || c.status === 'approved';
  const inTransit = c.status === 'dispatched';
  const mayApprove = c.status === 'draft' && mayApproveConsignment(me.role, c.approvalRole);
  return (
    <section>
      <p className="crumbs"><Link to="/consignments">{t('consignments.title')}</Link></p>
      <div className="page-head"><h1>{t('consignments.pageTitle', { code: c.code })}</h1></div>
      <dl className="facts">
        <dt>{t('consignments.kindLabel')}</dt><dd>{t(`consignments.kind.${c.kind}`)}</dd>
        <dt>{t('consignments.from')}</dt><dd>{c.fromName}</dd>
        <dt>{t('consignments.to')}</dt><dd>{c.toDistrictId === districtId ? <Link to="/locations/$districtId/$locationId" params={{ districtId: c.toDistrictId, locationId: c.toLocationId }}>{c.toName}</Link> : c.toName}</dd>
        <dt>{t('consignments.statusLabel')}</dt><dd data-testid="consignment-status">{t(`consignments.status.${c.status}`)}</dd>
        {c.approvalRole && <><dt>{t('consignments.approval')}</dt><dd>{c.approved ? t('consignments.approved') : t(`consignments.needs.${c.approvalRole}`)}</dd></>}
        {c.reference && <><dt>{t('consignments.reference')}</dt><dd>{c.reference}</dd></>}
        {c.ac && <><dt>{t('consignments.acFor')}</dt><dd data-testid="consignment-ac">{t('consignments.acLabel', { n: c.ac.number, name: c.ac.name })}{c.ceremonyCode ? ` · ${c.ceremonyCode}` : ''}</dd></>}
        {c.vehicleNumber && <><dt>{t('consignments.vehicle')}</dt><dd>{c.vehicleNumber} · {c.driver} · {c.escort} · {c.seals.join(', ')}</dd></>}
        <dt>{t('consignments.units')}</dt><dd data-testid="consignment-counts">{t('consignments.counts', { received: formatCount(c.received), loaded: formatCount(c.loaded) })}</dd>
      </dl>
      {c.kind === 'ac_strongroom' && loading && <p className="hint">{t('consignments.acLoadHint', { n: c.ac?.number ?? '', name: c.ac?.name ?? '' })}</p>}
      {c.kind === 'ac_strongroom' && inTransit && <p className="hint">{t('consignments.acReceiveHint')}</p>}
      {mayApprove && <Approve districtId={districtId} c={c} onDone={refresh} />}
      {loading && sending && manage && (
        <>
          <ScanPanel districtId={districtId} task={{ kind: 'consignment_load', id: c.id }} title={t('consignments.loadScan')} onResult={refresh} showTally={false} />
          <Pick districtId={districtId} c={c} onDone={refresh} />
          <Dispatch districtId={districtId} c={c} onDone={refresh} />
        </>
      )}
      {inTransit && receiving && receive && (
        <>
          <ScanPanel districtId={districtId} task={{ kind: 'consignment_receive', id: c.id }} title={t('consignments.receiveScan')} onResult={refresh} showTally={false} />
          <Finish districtId={districtId} c={c} onDone={refresh} />
        </>
      )}
      {c.issues.length > 0 && <Issues districtId={districtId} c={c} mayResolve={inTransit && receiving && receive} onDone={refresh} />}
      <UnitLines c={c} />
      {c.entries.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('consignments.entries')}>
          <table className="data-table">
            <caption>{t('consignments.entries')}</caption>
            <thead><tr><th scope="col">#</th><th scope="col">{t('consignments.entryType')}</th><th scope="col">{t('consignments.actor')}</th><th scope="col">{t('consignments.when')}</th></tr></thead>
            <tbody>
              {c.entries.map((e) => <tr key={e.idx}><td>{e.idx}</td><td>{e.type}</td><td>{e.actor}</td><td>{new Date(e.ts).toLocaleString()}</td></tr>)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Approve({ districtId, c, onDone }: { districtId: number; c: ConsignmentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const approve = useMutation(trpc.consignment.approve.mutationOptions({ onSuccess: () => { onDone(); toast.success(t('consignments.approvedToast', { code: c.code })); } }));
  return (
    <div className="panel">
      <h2>{t('consignments.approve')}</h2>
      {approve.isError && <ErrorAlert error={approve.error} />}
      <button type="button" className="button-primary" disabled={approve.isPending} onClick={() => approve.mutate({ districtId, consignmentId: c.id })}>{t('consignments.approve')}</button>
    </div>
  );
}

function Pick({ districtId, c, onDone }: { districtId: number; c: ConsignmentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [chosen, setChosen] = useState<string[]>([]);
  const loaded = new Set(c.units.map((u) => u.serial));
  const units = useQuery(trpc.consignment.pickable.queryOptions({ districtId, consignmentId: c.id }));
  const pick = useMutation(trpc.consignment.pick.mutationOptions({ onSuccess: () => { setChosen([]); onDone(); void units.refetch(); } }));
  const items = (units.data ?? []).filter((u) => !loaded.has(u.serial));
  return (
    <details className="panel">
      <summary>{t('consignments.pick')}</summary>
      {units.isError && <ErrorAlert error={units.error} />}
      {items.length === 0 && units.data && <p className="status-empty">{t('consignments.nothingToPick')}</p>}
      <ul className="pick-list">
        {items.map((u) => (
          <li key={u.serial}>
            <label>
              <input type="checkbox" checked={chosen.includes(u.serial)} onChange={(e) => setChosen(e.target.checked ? [...chosen, u.serial] : chosen.filter((s) => s !== u.serial))} />
              {' '}{u.serial} · {u.kind}
            </label>
          </li>
        ))}
      </ul>
      {pick.isError && <ErrorAlert error={pick.error} />}
      {items.length > 1 && <button type="button" onClick={() => setChosen(items.map((u) => u.serial))}>{t('consignments.chooseAll', { n: formatCount(items.length) })}</button>}{' '}
      <button type="button" disabled={chosen.length === 0 || pick.isPending} onClick={() => pick.mutate({ districtId, consignmentId: c.id, serials: chosen })}>
        {t('consignments.pickButton', { n: formatCount(chosen.length) })}
      </button>
    </details>
  );
}

function Dispatch({ districtId, c, onDone }: { districtId: number; c: ConsignmentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [vehicleNumber, setVehicle] = useState('');
  const [driver, setDriver] = useState('');
  const [escort, setEscort] = useState('');
  const [seals, setSeals] = useState('');
  const dispatch = useMutation(trpc.consignment.dispatch.mutationOptions({ onSuccess: () => { onDone(); toast.success(t('consignments.dispatchedToast', { code: c.code })); } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dispatch.mutate({ districtId, consignmentId: c.id, vehicleNumber, driver, escort, seals: seals.split(/[\s,]+/).filter(Boolean) });
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={t('consignments.dispatch')}>
      <h2>{t('consignments.dispatch')}</h2>
      <div className="form-grid">
        <label className="field"><span>{t('consignments.vehicleNumber')}</span><input value={vehicleNumber} onChange={(e) => setVehicle(e.target.value)} required maxLength={20} /></label>
        <label className="field"><span>{t('consignments.driver')}</span><input value={driver} onChange={(e) => setDriver(e.target.value)} required maxLength={100} /></label>
        <label className="field"><span>{t('consignments.escort')}</span><input value={escort} onChange={(e) => setEscort(e.target.value)} required maxLength={100} /></label>
        <label className="field"><span>{t('consignments.seals')}</span><input value={seals} onChange={(e) => setSeals(e.target.value)} required placeholder="S-1001, S-1002" /></label>
      </div>
      {dispatch.isError && <ErrorAlert error={dispatch.error} />}
      <div className="button-row"><button type="submit" className="button-primary" disabled={dispatch.isPending || c.loaded === 0}>{t('consignments.dispatchButton', { n: formatCount(c.loaded) })}</button></div>
    </form>
  );
}

function Finish({ districtId, c, onDone }: { districtId: number; c: ConsignmentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const unsyncedScans = useUnsyncedCount({ kind: 'consignment_receive', id: c.id }, districtId);
  const shortfall = useMutation(trpc.consignment.reportShortfall.mutationOptions({ onSuccess: onDone }));
  const complete = useMutation(trpc.consignment.complete.mutationOptions({ onSuccess: () => { onDone(); toast.success(t('consignments.completedToast', { code: c.code })); } }));
  const outstanding = c.units.filter((u) => u.status === 'in_transit').length;
  return (
    <div className="panel" role="group" aria-label={t('consignments.finish')}>
      <h2>{t('consignments.finish')}</h2>
      {shortfall.isError && <ErrorAlert error={shortfall.error} />}
      {complete.isError && <ErrorAlert error={complete.error} />}
      <div className="button-row">
        <button type="button" disabled={outstanding === 0 || shortfall.isPending} onClick={() => shortfall.mutate({ districtId, consignmentId: c.id })}>{t('consignments.shortfall', { n: formatCount(outstanding) })}</button>
        <button type="button" className="button-primary" disabled={complete.isPending} onClick={() => complete.mutate({ districtId, consignmentId: c.id, unsyncedScans })}>{t('consignments.complete')}</button>
      </div>
    </div>
  );
}

function Issues({ districtId, c, mayResolve, onDone }: { districtId: number; c: ConsignmentDetail; mayResolve: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('consignments.issues')}>
      <table className="data-table">
        <caption>{t('consignments.issues')}</caption>
        <thead><tr><th scope="col">{t('consignments.serial')}</th><th scope="col">{t('consignments.issueKind')}</th><th scope="col">{t('consignments.resolution')}</th></tr></thead>
        <tbody>
          {c.issues.map((i) => (
            <tr key={i.serial} data-issue={i.serial}>
              <td>{i.serial}</td>
              <td>{t(`consignments.issue.${i.kind}`)}</td>
              <td>{i.resolution ? `${t(`consignments.resolve.${i.resolution}`)} · ${i.resolutionNote ?? ''}` : mayResolve ? <Resolve districtId={districtId} c={c} issue={i} onDone={onDone} /> : t('consignments.open')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Resolve({ districtId, c, issue, onDone }: { districtId: number; c: ConsignmentDetail; issue: ConsignmentIssue; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fits: readonly ConsignmentResolution[] = issue.kind === 'missing' ? CONSIGNMENT_RESOLUTIONS.slice(0, 2) : CONSIGNMENT_RESOLUTIONS.slice(2);
  const [resolution, setResolution] = useState<ConsignmentResolution>(fits[0] ?? 'received_later');
  const [note, setNote] = useState('');
  const resolve = useMutation(trpc.consignment.resolveIssue.mutationOptions({ onSuccess: onDone }));
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); resolve.mutate({ districtId, consignmentId: c.id, serial: issue.serial, resolution, note }); }}>
      <select aria-label={t('consignments.resolution')} value={resolution} onChange={(e) => setResolution(e.target.value as ConsignmentResolution)}>
        {fits.map((r) => <option key={r} value={r}>{t(`consignments.resolve.${r}`)}</option>)}
      </select>
      <input aria-label={t('consignments.note')} placeholder={t('consignments.note')} value={note} onChange={(e) => setNote(e.target.value)} required maxLength={300} />
      <button type="submit" disabled={resolve.isPending}>{t('consignments.resolveButton')}</button>
      {resolve.isError && <ErrorAlert error={resolve.error} />}
    </form>
  );
}

function UnitLines({ c }: { c: ConsignmentDetail }) {
  const { t } = useTranslation();
  if (c.units.length === 0) return null;
  return (
    <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label={t('consignments.load')}>
      <table className="data-table">
        <caption>{t('consignments.load')}</caption>
        <thead><tr><th scope="col">{t('consignments.serial')}</th><th scope="col">{t('consignments.unitKind')}</th><th scope="col">{t('consignments.statusLabel')}</th></tr></thead>
        <tbody>
          {c.units.map((u) => (
            <tr key={u.serial}><td><Link to="/units/$serial" params={{ serial: u.serial }}>{u.serial}</Link></td><td>{u.kind}</td><td>{t(`consignments.line.${u.status}`)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
