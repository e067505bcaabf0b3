import { commit, maySendConsignment, type CeremonyDetail, type CeremonyStepDone, type ConsignmentSummary } from '@evmtrail/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { mayCommit, mayFinalise, mayRun } from './ceremony-roles';
import { PartyLists } from '../ceremony-audit/party-lists';

/** One ceremony: its steps (done, by whom, when), the next action for the signed-in role, the allocation. */
export function CeremonyPage({ ceremonyId }: { ceremonyId: number }) {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  const detail = useQuery({ ...trpc.ceremony.byId.queryOptions({ districtId: districtId ?? 0, ceremonyId }), enabled: districtId !== null });
  usePageTitle(detail.data ? t('ceremonies.pageTitle', { code: detail.data.code }) : t('ceremonies.title'));
  if (districtId === null) return null;
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const c = detail.data;
  const id = { districtId, ceremonyId: c.id };
  const run = mayRun(me.role, c);
  const live = c.status !== 'finalised' && c.status !== 'abandoned';
  return (
    <section className="ceremony">
      <p className="crumbs">
        <Link to="/ceremonies">{t('ceremonies.title')}</Link>
        {c.flcCampaignId ? <> · <Link to="/flc/$campaignId" params={{ campaignId: c.flcCampaignId }}>{t('flc.sample.backToCampaign')}</Link></> : null}
      </p>
      <div className="page-head">
        <h1>{t('ceremonies.pageTitle', { code: c.code })}</h1>
        <Link className="button" to="/ceremonies/$ceremonyId/audit" params={{ ceremonyId: c.id }}>{t('audit.openAudit')}</Link>
      </div>
      <dl className="facts">
        <dt>{t('ceremonies.stageLabel')}</dt><dd>{t(`ceremonies.stage.${c.stage}`)}</dd>
        <dt>{t('ceremonies.ac')}</dt><dd>{c.ac ? `${c.ac.number} ${c.ac.name}` : t('ceremonies.wholeDistrict')}</dd>
        <dt>{t('ceremonies.statusLabel')}</dt><dd data-status={c.status}>{t(`ceremonies.status.${c.status}`)}</dd>
        <dt>{t('ceremonies.pool')}</dt><dd>{formatCount(c.poolCounts.BU)} BU · {formatCount(c.poolCounts.CU)} CU · {formatCount(c.poolCounts.VVPAT)} VVPAT</dd>
        <dt>P</dt><dd className="hash">{c.poolHash}</dd>
        <dt>Q</dt><dd className="hash">{c.demandHash}</dd>
      </dl>
      <ol className="steps">
        <Step title={t('ceremonies.steps.freeze')} done={c.created} />
        <Step title={t('ceremonies.steps.commit')} done={c.dice}>
          {c.parties.length === 0 ? <p className="hint">{t('ceremonies.noParties')}</p> : (
            <ul className="parties">
              {c.parties.map((p) => <li key={p.party}><strong>{p.party}</strong> <span className="hash">{p.commitment}</span> · {p.committed.by}</li>)}
            </ul>
          )}
          {c.status === 'committing' && mayCommit(me.role) && <CommitForm id={id} />}
        </Step>
        <Step title={t('ceremonies.steps.dice')} done={c.dice}>
          {c.diceDigits && <p className="dice" data-testid="dice">{c.diceDigits}</p>}
          {c.status === 'committing' && run && <DiceForm id={id} />}
        </Step>
        <Step title={t('ceremonies.steps.reveal')} done={c.allocated}>
          {c.dice && (
            <ul className="parties">
              {c.parties.map((p) => (
                <li key={p.party}><strong>{p.party}</strong> {p.reveal ? <span className="hash">{p.reveal}</span> : <em>{c.allocated ? t('ceremonies.withheld') : t('ceremonies.notYetRevealed')}</em>}</li>
              ))}
            </ul>
          )}
          {c.status === 'revealing' && mayCommit(me.role) && c.parties.some((p) => !p.reveal) && <RevealForm id={id} />}
        </Step>
        <Step title={t('ceremonies.steps.allocate')} done={c.allocated}>
          {c.seed && <p className="seed"><span>{t('ceremonies.seed')}</span> <code>{c.seed}</code></p>}
          {c.allocationHash && <p><span>sha256(allocation.csv)</span> <code className="hash">{c.allocationHash}</code></p>}
          {c.status === 'revealing' && run && <ActionButton id={id} kind="allocate" label={t('ceremonies.computeAllocation')} />}
        </Step>
        <Step title={t('ceremonies.steps.finalise')} done={c.finalised}>
          {c.status === 'allocated' && mayFinalise(me.role) && <FinaliseForm id={id} />}
          {c.status === 'allocated' && !mayFinalise(me.role) && <p className="hint">{t('ceremonies.awaitObserver')}</p>}
        </Step>
      </ol>
      {c.abandoned && <p className="status-warning" role="status">{t('ceremonies.abandonedBy', { by: c.abandoned.by, at: new Date(c.abandoned.at).toLocaleString(), reason: c.abandoned.reason })}</p>}
      {live && run && <AbandonForm id={id} />}
      {c.status === 'finalised' && c.stage === 'first' && c.ac === null && maySendConsignment(me.role) && <PrepareConsignments id={id} code={c.code} />}
      {c.allocation.length > 0 && (c.stations && c.stations.length > 0 ? <StationTable c={c} /> : <AllocationTable c={c} />)}
      {c.status === 'finalised' && run && c.stage !== 'flc_sample' && <ReplaceForm id={id} />}
      {c.status === 'finalised' && <div className="panel"><PartyLists districtId={districtId} ceremonyId={c.id} stage={c.stage} /></div>}
      {c.replacements.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption>{t('ceremonies.replacements')}</caption>
            <thead><tr><th scope="col">{t('ceremonies.target')}</th><th scope="col">{t('ceremonies.old')}</th><th scope="col">{t('ceremonies.new_')}</th><th scope="col">{t('ceremonies.reason')}</th><th scope="col">{t('ceremonies.by')}</th></tr></thead>
            <tbody>{c.replacements.map((r) => <tr key={r.newSerial}><td>{r.target}</td><td>{r.oldSerial}</td><td>{r.newSerial}</td><td>{r.reason}</td><td>{r.replaced.by} · {new Date(r.replaced.at).toLocaleString()}</td></tr>)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Step({ title, done, children }: { title: string; done: CeremonyStepDone | null; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <li className={done ? 'step step-done' : 'step'}>
      <h2>{title}</h2>
      <p className="step-state">{done ? t('ceremonies.doneBy', { by: done.by, at: new Date(done.at).toLocaleString() }) : t('ceremonies.notYet')}</p>
      {children}
    </li>
  );
}

type Id = { districtId: number; ceremonyId: number };

function useStep() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.ceremony.byId.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.ceremony.list.pathKey() });
  };
}

/** A party's commitment: the value stays on this device; only its hash is sent. */
function CommitForm({ id }: { id: Id }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const done = useStep();
  const [party, setParty] = useState('');
  const [value, setValue] = useState('');
  const m = useMutation(trpc.ceremony.commit.mutationOptions({ onSuccess: () => { setParty(''); setValue(''); done(); } }));
  const code = party.trim().toUpperCase();
  const made = code && value.trim() ? commit({ party: code, value: value.trim() }) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (made?.ok) m.mutate({ ...id, party: code, commitment: made.value });
  };
  return (
    <form className="step-form" onSubmit={submit} aria-label={t('ceremonies.commitTitle')}>
      <label className="field"><span>{t('ceremonies.party')}</span><input name="party" value={party} onChange={(e) => setParty(e.target.value)} autoCapitalize="characters" /></label>
      <label className="field"><span>{t('ceremonies.partyValue')}</span><input name="value" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" /></label>
      {made?.ok && <p className="hint">{t('ceremonies.commitmentIs')} <code className="hash">{made.value}</code></p>}
      {made && !made.ok && <p className="field-error">{t('ceremonies.valueRule')}</p>}
      {m.isError && <ErrorAlert error={m.error} />}
      <button type="submit" disabled={!made?.ok || m.isPending}>{t('ceremonies.commitButton')}</button>
    </form>
  );
}

function DiceForm({ id }: { id: Id }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const done = useStep();
  const [dice, setDice] = useState('');
  const m = useMutation(trpc.ceremony.dice.mutationOptions({ onSuccess: done }));
  const digits = dice.replace(/\s+/g, '');
  return (
    <form className="step-form" onSubmit={(e) => { e.preventDefault(); m.mutate({ ...id, dice: digits }); }} aria-label={t('ceremonies.steps.dice')}>
      <label className="field"><span>{t('ceremonies.diceLabel')}</span><input name="dice" inputMode="numeric" value={dice} onChange={(e) => setDice(e.target.value)} autoComplete="off" /></label>
      <p className="hint">{t('ceremonies.diceHint', { n: digits.length })}</p>
      {m.isError && <ErrorAlert error={m.error} />}
      <button type="submit" className="button-primary" disabled={!/^[0-9]{20,200}$/.test(digits) || m.isPending}>{t('ceremonies.diceButton')}</button>
    </form>
  );
}

function RevealForm({ id }: { id: Id }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const done = useStep();
  const [party, setParty] = useState('');
  const [value, setValue] = useState('');
  const m = useMutation(trpc.ceremony.reveal.mutationOptions({ onSuccess: () => { setParty(''); setValue(''); done(); } }));
  return (
    <form className="step-form" onSubmit={(e) => { e.preventDefault(); m.mutate({ ...id, party: party.trim().toUpperCase(), reveal: value.trim() }); }} aria-label={t('ceremonies.revealTitle')}>
      <label className="field"><span>{t('ceremonies.party')}</span><input name="reveal-party" value={party} onChange={(e) => setParty(e.target.value)} /></label>
      <label className="field"><span>{t('ceremonies.partyValue')}</span><input name="reveal-value" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" /></label>
      {m.isError && <ErrorAlert error={m.error} />}
      <button type="submit" disabled={!party.trim() || !value.trim() || m.isPending}>{t('ceremonies.revealButton')}</button>
    </form>
  );
}

function ActionButton({ id, kind, label }: { id: Id; kind: 'allocate'; label: string }) {
  const trpc = useTRPC();
  const done = useStep();
  const m = useMutation(trpc.ceremony[kind].mutationOptions({ onSuccess: done }));
  return (
    <div className="step-form">
      {m.isError && <ErrorAlert error={m.error} />}
      <button type="button" className="button-primary" disabled={m.isPending} onClick={() => m.mutate(id)}>{label}</button>
    </div>
  );
}

/** The observer's cosignature: their password again, as strongroom key-holders do. */
function FinaliseForm({ id }: { id: Id }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const done = useStep();
  const [password, setPassword] = useState('');
  const m = useMutation(trpc.ceremony.finalise.mutationOptions({ onSuccess: () => { setPassword(''); done(); } }));
  return (
    <form className="step-form" onSubmit={(e) => { e.preventDefault(); m.mutate({ ...id, password }); }} aria-label={t('ceremonies.steps.finalise')}>
      <p className="hint">{t('ceremonies.finaliseHint')}</p>
      <label className="field"><span>{t('ceremonies.password')}</span><input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} /></label>
      {m.isError && <ErrorAlert error={m.error} />}
      <button type="submit" className="button-primary" disabled={!password || m.isPending}>{t('ceremonies.finaliseButton')}</button>
    </form>
  );
}

function AbandonForm({ id }: { id: Id }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const done = useStep();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const m = useMutation(trpc.ceremony.abandon.mutationOptions({ onSuccess: () => { setOpen(false); done(); } }));
  if (!open) return <p><button type="button" className="button-danger" onClick={() => setOpen(true)}>{t('ceremonies.abandon')}</button></p>;
  return (
    <form className="panel" onSubmit={(e) => { e.preventDefault(); m.mutate({ ...id, reason }); }} aria-label={t('ceremonies.abandon')}>
      <p>{t('ceremonies.abandonHint')}</p>
      <label className="field"><span>{t('ceremonies.reason')}</span><input name="abandon-reason" value={reason} onChange={(e) => setReason(e.target.value)} /></label>
      {m.isError && <ErrorAlert error={m.error} />}
      <div className="button-row">
        <button type="submit" className="button-danger" disabled={reason.trim().length < 3 || m.isPending}>{t('ceremonies.abandonConfirm')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('ceremonies.cancel')}</button>
      </div>
    </form>
  );
}

function ReplaceForm({ id }: { id: Id }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const done = useStep();
  const [serial, setSerial] = useState('');
  const [reason, setReason] = useState('');
  const m = useMutation(trpc.ceremony.replace.mutationOptions({ onSuccess: () => { setSerial(''); setReason(''); done(); } }));
  return (
    <form className="panel" onSubmit={(e) => { e.preventDefault(); m.mutate({ ...id, serial, reason }); }} aria-label={t('ceremonies.replaceTitle')}>
      <h2>{t('ceremonies.replaceTitle')}</h2>
      <p className="hint">{t('ceremonies.replaceHint')}</p>
      <label className="field"><span>{t('ceremonies.serial')}</span><input name="replace-serial" value={serial} onChange={(e) => setSerial(e.target.value)} /></label>
      <label className="field"><span>{t('ceremonies.reason')}</span><input name="replace-reason" value={reason} onChange={(e) => setReason(e.target.value)} /></label>
      {m.isError && <ErrorAlert error={m.error} />}
      <button type="submit" disabled={!serial.trim() || reason.trim().length < 3 || m.isPending}>{t('ceremonies.replaceButton')}</button>
    </form>
  );
}

/** The allocation per target (AC or PS) and kind; each target's units with their tickets (first 18 digits). */
function AllocationTable({ c }: { c: CeremonyDetail }) {
  const { t } = useTranslation();
  const targets = new Map<string, { BU: string[]; CU: string[]; VVPAT: string[]; tickets: Map<string, string> }>();
  for (const r of c.allocation) {
    const row = targets.get(r.target) ?? { BU: [], CU: [], VVPAT: [], tickets: new Map<string, string>() };
    row[r.kind].push(r.serial);
    row.tickets.set(r.serial, r.ticket.slice(0, 18));
    targets.set(r.target, row);
  }
  return (
    <div className="table-wrap">
      <table className="data-table allocation-table">
        <caption>{t('ceremonies.allocationCaption')}</caption>
        <thead>
          <tr><th scope="col">{t('ceremonies.target')}</th><th scope="col">BU</th><th scope="col">CU</th><th scope="col">VVPAT</th><th scope="col">{t('ceremonies.units')}</th></tr>
        </thead>
        <tbody>
          {[...targets].map(([target, row]) => (
            <tr key={target} data-target={target}>
              <th scope="row">{target}</th>
              <td>{formatCount(row.BU.length)}</td>
              <td>{formatCount(row.CU.length)}</td>
              <td>{formatCount(row.VVPAT.length)}</td>
              <td>
                <details>
                  <summary>{t('ceremonies.showUnits')}</summary>
                  <ul className="serials">
                    {[...row.BU, ...row.CU, ...row.VVPAT].map((s) => <li key={s}><code>{s}</code> <small>{row.tickets.get(s)}</small></li>)}
                  </ul>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** After a finalised first randomisation: one consignment per AC to its AC strongroom, listing that AC's allocated units. */
function PrepareConsignments({ id, code }: { id: Id; code: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [made, setMade] = useState<readonly ConsignmentSummary[]>([]);
  const m = useMutation(trpc.consignment.prepareFromCeremony.mutationOptions({
    onSuccess: (list) => { setMade(list); void queryClient.invalidateQueries({ queryKey: trpc.consignment.pathKey() }); },
  }));
  return (
    <div className="panel" role="group" aria-label={t('ceremonies.prepareTitle')}>
      <h2>{t('ceremonies.prepareTitle')}</h2>
      <p className="hint">{t('ceremonies.prepareHint', { code })}</p>
      {m.isError && <ErrorAlert error={m.error} />}
      <button type="button" className="button-primary" disabled={m.isPending} onClick={() => m.mutate(id)}>{t('ceremonies.prepareButton')}</button>
      {made.length > 0 && (
        <ul className="prepared" aria-label={t('ceremonies.prepared')}>
          {made.map((x) => (
            <li key={x.id}>
              <Link to="/consignments/$consignmentId" params={{ consignmentId: x.id }}>{x.code}</Link>
              {' '}{x.ac ? t('consignments.acLabel', { n: x.ac.number, name: x.ac.name }) : ''} · {x.fromName} → {x.toName}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A second randomisation, station by station: number and name, each kind's serials with their ticket prefix; then the AC reserve. */
function StationTable({ c }: { c: CeremonyDetail }) {
  const { t } = useTranslation();
  const names = new Map((c.stations ?? []).map((s) => [s.target, s]));
  const rows = new Map<string, Record<'BU' | 'CU' | 'VVPAT', { serial: string; ticket: string }[]>>();
  for (const r of c.allocation) {
    const key = r.reserve ? 'RESERVE' : r.target;
    const row = rows.get(key) ?? { BU: [], CU: [], VVPAT: [] };
    row[r.kind].push({ serial: r.serial, ticket: r.ticket.slice(0, 18) });
    rows.set(key, row);
  }
  const cell = (units: { serial: string; ticket: string }[]) => (
    <ul className="serials">{units.map((u) => <li key={u.serial}><code>{u.serial}</code> <small>{u.ticket}</small></li>)}</ul>
  );
  return (
    <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label={t('ceremonies.stationCaption')}>
      <table className="data-table allocation-table station-table">
        <caption>{t('ceremonies.stationCaption')}</caption>
        <thead>
          <tr><th scope="col">{t('ceremonies.station')}</th><th scope="col">BU</th><th scope="col">CU</th><th scope="col">VVPAT</th></tr>
        </thead>
        <tbody>
          {[...rows].map(([target, row]) => {
            const ps = names.get(target);
            return (
              <tr key={target} data-target={target}>
                <th scope="row">{ps ? t('ceremonies.stationName', { n: ps.number, name: ps.name }) : t('ceremonies.acReserve', { n: formatCount(row.BU.length + row.CU.length + row.VVPAT.length) })}</th>
                <td>{cell(row.BU)}</td>
                <td>{cell(row.CU)}</td>
                <td>{cell(row.VVPAT)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
