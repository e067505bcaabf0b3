import { PERMISSIONS, type AcSetsView, type RouteView, type SetView } from '@evmtrail/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { PdfLinks } from '../../components/pdf-links';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { stateLabel } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { ScanPanel } from '../scan/scan-panel';

/** Who sees the sets screen in the nav: the RO, the engineers who commission, the DEO who oversees. */
export function showsSets(role: string): boolean {
  return ['ro', 'engineer', 'deo', 'dy_deo', 'observer'].includes(role);
}
const mayManage = (role: string) => (PERMISSIONS['set.manage'] as readonly string[]).includes(role);
const mayCommission = (role: string) => (PERMISSIONS['set.commission'] as readonly string[]).includes(role);

/** Splits "PK-1, PK-2 PK-3" into serials. */
function list(text: string): string[] {
  return text.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
}

/** "1-10, 12" into [1..10, 12]. */
export function stationNumbers(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const [a, b] = part.split('-').map(Number);
    if (a === undefined || !Number.isInteger(a)) continue;
    if (b !== undefined && Number.isInteger(b) && b >= a) for (let n = a; n <= b && out.length < 100; n += 1) out.push(n);
    else out.push(a);
  }
  return [...new Set(out)];
}

/**
 * Polling-station sets of one AC (issue 10): candidate setting, building the sets, the mock-poll
 * sample, commissioning (a phone form on the hall floor), the AC reserve, and the distribution
 * centre (vehicle routes issued by scan, reserves to sector officers, the papers).
 */
export function SetsPage() {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  usePageTitle(t('sets.title'));
  const tree = useQuery({ ...trpc.location.tree.queryOptions({ districtId: districtId ?? 0 }), enabled: districtId !== null && me.jurisdiction.acId === undefined });
  const [chosen, setChosen] = useState<number | null>(null);
  const acId = me.jurisdiction.acId ?? chosen;
  if (districtId === null) return null;
  return (
    <section>
      <div className="page-head"><h1>{t('sets.title')}</h1></div>
      <p className="hint">{t('sets.intro')}</p>
      {me.jurisdiction.acId === undefined && (
        <label className="field">
          <span>{t('sets.chooseAc')}</span>
          <select value={chosen ?? ''} onChange={(e) => setChosen(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('sets.chooseAc')}</option>
            {(tree.data?.acs ?? []).map((a) => <option key={a.id} value={a.id}>{a.number} {a.name}</option>)}
          </select>
        </label>
      )}
      {acId !== null && acId !== undefined && <AcSets key={acId} districtId={districtId} acId={acId} role={me.role} />}
    </section>
  );
}

function useRefresh(districtId: number, acId: number): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.sets.byAc.queryKey({ districtId, acId }) });
}

function AcSets({ districtId, acId, role }: { districtId: number; acId: number; role: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const view = useQuery(trpc.sets.byAc.queryOptions({ districtId, acId }));
  const [commissioning, setCommissioning] = useState<number | null>(null);
  if (view.isPending) return <Loading />;
  if (view.isError) return <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  const v = view.data;
  const chosen = v.sets.find((s) => s.id === commissioning);
  return (
    <>
      <h2>{t('sets.acHeading', { n: v.ac.number, name: v.ac.name })}</h2>
      <dl className="facts">
        <div><dt>{t('sets.candidates')}</dt><dd data-testid="sets-candidates">{v.candidates === null ? '—' : formatCount(v.candidates)}</dd></div>
        <div><dt>{t('sets.busPerStation')}</dt><dd>{v.busPerStation === null ? '—' : formatCount(v.busPerStation)}</dd></div>
        <div><dt>{t('sets.maxBuPerCu')}</dt><dd>{formatCount(v.maxBuPerCu)}</dd></div>
        <div><dt>{t('sets.ceremony')}</dt><dd>{v.ceremony ? <Link to="/ceremonies/$ceremonyId" params={{ ceremonyId: v.ceremony.id }}>{v.ceremony.code}</Link> : t('sets.noCeremony')}</dd></div>
        <div><dt>{t('sets.built')}</dt><dd data-testid="sets-built">{t('sets.builtOf', { built: formatCount(v.sets.length), stations: formatCount(v.stations) })}</dd></div>
      </dl>
      {v.extraBusNeeded > 0 && (
        <p className="alert alert-warning" role="status">
          {t('sets.extraBus', { count: v.extraBusNeeded })} <Link to="/ceremonies">{t('sets.toSupplementary')}</Link>
        </p>
      )}
      {mayManage(role) && <Candidates districtId={districtId} view={v} />}
      {mayManage(role) && v.sets.length < v.stations && <Build districtId={districtId} acId={acId} />}
      <Sample districtId={districtId} view={v} manage={mayManage(role)} />
      <div className="panel">
        <PdfLinks label={t('sets.pdf.setList')} href={(lang) => `/pdf/sets/${districtId}/${acId}-sets.pdf?lang=${lang}`} />
      </div>
      <SetList
        sets={v.sets} canCommission={mayCommission(role)} onCommission={(id) => setCommissioning(id)}
        form={chosen && chosen.status === 'built' && mayCommission(role) ? (
          <CommissionForm key={chosen.id} districtId={districtId} acId={acId} set={chosen} candidates={v.candidates ?? 0} sampleVotes={v.sample?.votes ?? 1000} onDone={() => setCommissioning(null)} />
        ) : null}
        formFor={chosen?.id ?? null}
      />
      <Reserves districtId={districtId} view={v} role={role} />
      <Routes districtId={districtId} view={v} manage={mayManage(role)} />
    </>
  );
}

function Candidates({ districtId, view }: { districtId: number; view: AcSetsView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, view.ac.id);
  const [n, setN] = useState(view.candidates === null ? '' : String(view.candidates));
  const save = useMutation(trpc.sets.setCandidates.mutationOptions({ onSuccess: refresh }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ districtId, acId: view.ac.id, candidates: Number(n) });
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={t('sets.candidatesTitle')}>
      <h3>{t('sets.candidatesTitle')}</h3>
      <p className="hint">{t('sets.candidatesHint')}</p>
      <label className="field"><span>{t('sets.candidates')}</span>
        <input type="number" min={1} max={1000} inputMode="numeric" value={n} onChange={(e) => setN(e.target.value)} required />
      </label>
      {save.isError && <ErrorAlert error={save.error} />}
      <button type="submit" className="button-primary" disabled={save.isPending || n === ''}>{t('sets.saveCandidates')}</button>
    </form>
  );
}

function Build({ districtId, acId }: { districtId: number; acId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, acId);
  const build = useMutation(trpc.sets.build.mutationOptions({ onSuccess: refresh }));
  return (
    <div className="panel">
      <h3>{t('sets.buildTitle')}</h3>
      <p className="hint">{t('sets.buildHint')}</p>
      {build.isError && <ErrorAlert error={build.error} />}
      <button type="button" className="button-primary" disabled={build.isPending} onClick={() => build.mutate({ districtId, acId })}>{t('sets.build')}</button>
    </div>
  );
}

function Sample({ districtId, view, manage }: { districtId: number; view: AcSetsView; manage: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, view.ac.id);
  const [dice, setDice] = useState('');
  const draw = useMutation(trpc.sets.drawSample.mutationOptions({ onSuccess: refresh }));
  if (view.sample) {
    return (
      <div className="panel">
        <h3>{t('sets.sampleTitle')}</h3>
        <p data-testid="sets-sample">{t('sets.sampleDrawn', { count: view.sample.codes.length, votes: formatCount(view.sample.votes), codes: view.sample.codes.join(', ') })}</p>
        <p className="hint mono wrap-anywhere">{view.sample.seed}</p>
      </div>
    );
  }
  if (!manage || view.sets.length === 0) return null;
  return (
    <form className="panel" aria-label={t('sets.sampleTitle')} onSubmit={(e) => { e.preventDefault(); draw.mutate({ districtId, acId: view.ac.id, dice }); }}>
      <h3>{t('sets.sampleTitle')}</h3>
      <p className="hint">{t('sets.sampleHint')}</p>
      <label className="field"><span>{t('sets.dice')}</span>
        <input inputMode="numeric" pattern="[0-9]{20,200}" value={dice} onChange={(e) => setDice(e.target.value.replace(/\D/g, ''))} required />
      </label>
      {draw.isError && <ErrorAlert error={draw.error} />}
      <button type="submit" className="button-primary" disabled={draw.isPending || dice.length < 20}>{t('sets.drawSample')}</button>
    </form>
  );
}

/** Sets shown at once; a station search finds the others. */
const SHOWN_SETS = 40;

/** A station by number ("40"), set code or name. */
export function matchesStation(s: SetView, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  if (/^\d+$/.test(q)) return s.station.number === Number(q);
  return s.code.toLowerCase().includes(q) || s.station.name.toLowerCase().includes(q);
}

function SetList({ sets: all, canCommission, onCommission, form, formFor }: { sets: readonly SetView[]; canCommission: boolean; onCommission: (id: number) => void; form: ReactNode; formFor: number | null }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  if (all.length === 0) return <p className="status-empty">{t('sets.none')}</p>;
  const found = all.filter((s) => matchesStation(s, query));
  const sets = found.slice(0, SHOWN_SETS);
  return (
    <>
      <label className="field"><span>{t('sets.findStation')}</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="40" />
      </label>
      {found.length > sets.length && <p className="hint">{t('sets.moreSets', { shown: formatCount(sets.length), count: found.length })}</p>}
    <ul className="set-list" aria-label={t('sets.listCaption')}>
      {sets.map((s) => (
        <li key={s.id} className={`set-card set-${s.status}`} data-testid={`set-${s.station.number}`}>
          <div className="set-head">
            <strong>{s.code}</strong> · {t('sets.station', { n: s.station.number, name: s.station.name })}
            <span className="badge">{t(`sets.status.${s.status}`)}</span>
            {s.sampled && <span className="badge">{t('sets.sampled')}</span>}
            {s.version > 1 && <span className="badge">{t('sets.version', { n: s.version })}</span>}
          </div>
          <p className="set-members">{s.members.map((m) => `${m.kind} ${m.serial}`).join(' · ')}</p>
          {s.replacements.map((r) => (
            <p key={r.oldSerial} className="hint">{t('sets.replaced', { old: r.oldSerial, new: r.newSerial, fault: r.faultCode })}</p>
          ))}
          {s.issue && <p className="hint">{t('sets.issuedTo', { party: s.issue.partyId, vehicle: s.issue.vehicleId, route: s.issue.routeCode })}</p>}
          {s.status === 'built' && canCommission && formFor !== s.id && (
            <button type="button" onClick={() => onCommission(s.id)}>{t('sets.commission')}</button>
          )}
          {formFor === s.id && form}
        </li>
      ))}
    </ul>
    </>
  );
}

interface Failure { serial: string; faultCode: string }

/** "BU 96 AC reserve, 2 with a sector officer · CU …": the reserve counted by kind and state. */
function reserveSummary(units: AcSetsView['reserves'], label: (state: string) => string): string {
  const kinds = ['BU', 'CU', 'VVPAT'] as const;
  return kinds.flatMap((kind) => {
    const of = units.filter((u) => u.kind === kind);
    if (of.length === 0) return [];
    const states = [...new Set(of.map((u) => u.state))];
    return [`${kind}: ${states.map((st) => `${formatCount(of.filter((u) => u.state === st).length)} ${label(st)}`).join(', ')}`];
  }).join(' · ');
}

/** The engineer's form on the hall floor: the record of one set, and any unit that failed. */
function CommissionForm({ districtId, acId, set, candidates, sampleVotes, onDone }: { districtId: number; acId: number; set: SetView; candidates: number; sampleVotes: number; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, acId);
  const [f, setF] = useState({ ballotPaper: '', sluId: '', sluContainerSeal: '', vvpatBatteryId: '', paperRollId: '', pink: '', green: '', tags: '', votes: String(candidates + 1), slips: String(candidates + 1), sample: '' });
  const [failures, setFailures] = useState<Failure[]>([]);
  const commission = useMutation(trpc.sets.commission.mutationOptions({ onSuccess: () => { refresh(); onDone(); } }));
  const field = (key: keyof typeof f, label: string, extra: Record<string, unknown> = {}) => (
    <label className="field"><span>{label}</span>
      <input name={key} value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} autoComplete="off" {...extra} />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    commission.mutate({
      districtId, setId: set.id, ballotPaper: f.ballotPaper, sluId: f.sluId, sluContainerSeal: f.sluContainerSeal, vvpatBatteryId: f.vvpatBatteryId, paperRollId: f.paperRollId,
      pinkSeals: list(f.pink), greenSeals: list(f.green), addressTags: list(f.tags), mockPollVotes: Number(f.votes), mockPollSlips: Number(f.slips),
      ...(set.sampled ? { sampleVotes: Number(f.sample || 0) } : {}), failures: failures.filter((x) => x.serial && x.faultCode),
    });
  };
  return (
    <form className="panel commission-form" onSubmit={submit} aria-label={t('sets.commissionTitle', { code: set.code })}>
      <h3>{t('sets.commissionTitle', { code: set.code })}</h3>
      <p className="hint">{t('sets.station', { n: set.station.number, name: set.station.name })} · {set.members.map((m) => `${m.kind} ${m.serial}`).join(' · ')}</p>
      {field('ballotPaper', t('sets.f.ballotPaper'), { required: true })}
      {field('sluId', t('sets.f.sluId'), { required: true })}
      {field('sluContainerSeal', t('sets.f.sluContainerSeal'), { required: true })}
      {field('vvpatBatteryId', t('sets.f.battery'), { required: true })}
      {field('paperRollId', t('sets.f.roll'), { required: true })}
      {field('pink', t('sets.f.pink'), { required: true })}
      {field('green', t('sets.f.green'), { required: true })}
      {field('tags', t('sets.f.tags'), { required: true })}
      {field('votes', t('sets.f.votes', { count: candidates + 1 }), { type: 'number', inputMode: 'numeric', min: 1, required: true })}
      {field('slips', t('sets.f.slips'), { type: 'number', inputMode: 'numeric', min: 0, required: true })}
      {set.sampled && field('sample', t('sets.f.sampleVotes', { votes: formatCount(sampleVotes) }), { type: 'number', inputMode: 'numeric', min: 0, required: true })}
      <fieldset>
        <legend>{t('sets.f.failures')}</legend>
        {failures.map((x, i) => (
          <div key={i} className="failure-row">
            <label className="field"><span>{t('sets.f.failedUnit')}</span>
              <select aria-label={t('sets.f.failedUnit')} value={x.serial} onChange={(e) => setFailures(failures.map((y, j) => (j === i ? { ...y, serial: e.target.value } : y)))}>
                <option value="">—</option>
                {set.members.map((m) => <option key={m.serial} value={m.serial}>{m.kind} {m.serial}</option>)}
              </select>
            </label>
            <label className="field"><span>{t('sets.f.fault')}</span>
              <input value={x.faultCode} onChange={(e) => setFailures(failures.map((y, j) => (j === i ? { ...y, faultCode: e.target.value.toUpperCase() } : y)))} />
            </label>
          </div>
        ))}
        <button type="button" onClick={() => setFailures([...failures, { serial: '', faultCode: '' }])}>{t('sets.f.addFailure')}</button>
        <p className="hint">{t('sets.f.failureHint')}</p>
      </fieldset>
      {commission.isError && <ErrorAlert error={commission.error} />}
      <button type="submit" className="button-primary" disabled={commission.isPending}>{t('sets.f.submit')}</button>
      <button type="button" onClick={onDone}>{t('sets.f.cancel')}</button>
    </form>
  );
}

function Reserves({ districtId, view, role }: { districtId: number; view: AcSetsView; role: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, view.ac.id);
  const [bp, setBp] = useState('');
  const [slu, setSlu] = useState('');
  const [officer, setOfficer] = useState({ name: '', vehicle: '', stations: '', serials: [] as string[] });
  const commission = useMutation(trpc.sets.commissionReserves.mutationOptions({ onSuccess: refresh }));
  const issue = useMutation(trpc.sets.issueReserves.mutationOptions({ onSuccess: () => { refresh(); setOfficer({ name: '', vehicle: '', stations: '', serials: [] }); } }));
  const uncommissioned = view.reserves.filter((u) => u.state === 'ac_reserve').length;
  const ready = view.reserves.filter((u) => u.state === 'commissioned');
  return (
    <div className="panel">
      <h3>{t('sets.reservesTitle')}</h3>
      {view.reserves.length === 0 ? <p>{t('sets.noReserves')}</p> : (
        <details>
          <summary>{reserveSummary(view.reserves, (state) => stateLabel(t, state))}</summary>
          <p className="set-members">{view.reserves.map((u) => `${u.kind} ${u.serial} (${stateLabel(t, u.state)})`).join(' · ')}</p>
        </details>
      )}
      {uncommissioned > 0 && mayCommission(role) && (
        <form onSubmit={(e) => { e.preventDefault(); commission.mutate({ districtId, acId: view.ac.id, ballotPaper: bp, sluId: slu }); }}>
          <label className="field"><span>{t('sets.f.ballotPaper')}</span><input value={bp} onChange={(e) => setBp(e.target.value)} required /></label>
          <label className="field"><span>{t('sets.f.sluId')}</span><input value={slu} onChange={(e) => setSlu(e.target.value)} required /></label>
          {commission.isError && <ErrorAlert error={commission.error} />}
          <button type="submit" className="button-primary" disabled={commission.isPending}>{t('sets.commissionReserves', { count: uncommissioned })}</button>
        </form>
      )}
      {view.sectors.length > 0 && (
        <ul>
          {view.sectors.map((s) => (
            <li key={s.id}>{t('sets.sector', { code: s.code, officer: s.officerName, vehicle: s.vehicleId, stations: s.stationNumbers.join(', '), units: s.serials.join(', ') })}</li>
          ))}
        </ul>
      )}
      {ready.length > 0 && mayManage(role) && (
        <form onSubmit={(e) => {
          e.preventDefault();
          issue.mutate({ districtId, acId: view.ac.id, officerName: officer.name, vehicleId: officer.vehicle, stationNumbers: stationNumbers(officer.stations), serials: officer.serials });
        }}>
          <h4>{t('sets.toSectorOfficer')}</h4>
          <label className="field"><span>{t('sets.officerName')}</span><input value={officer.name} onChange={(e) => setOfficer({ ...officer, name: e.target.value })} required /></label>
          <label className="field"><span>{t('sets.vehicle')}</span><input value={officer.vehicle} onChange={(e) => setOfficer({ ...officer, vehicle: e.target.value })} required /></label>
          <label className="field"><span>{t('sets.sectorStations')}</span><input value={officer.stations} placeholder="1-12" onChange={(e) => setOfficer({ ...officer, stations: e.target.value })} required /></label>
          <details>
            <summary>{t('sets.reserveUnits')} ({formatCount(officer.serials.length)} / {formatCount(ready.length)})</summary>
            <fieldset>
              <legend>{t('sets.reserveUnits')}</legend>
              {ready.map((u) => (
                <label key={u.serial} className="check">
                  <input type="checkbox" checked={officer.serials.includes(u.serial)}
                    onChange={(e) => setOfficer({ ...officer, serials: e.target.checked ? [...officer.serials, u.serial] : officer.serials.filter((s) => s !== u.serial) })} />
                  {u.kind} {u.serial}
                </label>
              ))}
            </fieldset>
          </details>
          {issue.isError && <ErrorAlert error={issue.error} />}
          <button type="submit" className="button-primary" disabled={issue.isPending || officer.serials.length === 0}>{t('sets.issueReserves')}</button>
        </form>
      )}
    </div>
  );
}

function Routes({ districtId, view, manage }: { districtId: number; view: AcSetsView; manage: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, view.ac.id);
  const [scanning, setScanning] = useState<number | null>(null);
  const [r, setR] = useState({ name: '', vehicle: '', stops: '' });
  const create = useMutation(trpc.sets.createRoute.mutationOptions({ onSuccess: () => { refresh(); setR({ name: '', vehicle: '', stops: '' }); } }));
  const route = view.routes.find((x) => x.id === scanning);
  const stops = r.stops.split('\n').map((line) => line.trim().split(/[\s,;:]+/)).filter((p) => p.length >= 2 && Number.isInteger(Number(p[0])))
    .map(([n, party]) => ({ stationNumber: Number(n), partyId: (party ?? '').toUpperCase() }));
  return (
    <div className="panel">
      <h3>{t('sets.routesTitle')}</h3>
      <p className="hint">{t('sets.routesHint')}</p>
      {view.routes.map((x) => <RouteCard key={x.id} districtId={districtId} route={x} manage={manage} onScan={() => setScanning(x.id)} />)}
      {route && manage && (
        <ScanPanel districtId={districtId} task={{ kind: 'set_issue', id: route.id }} title={t('sets.scanTitle', { code: route.code, vehicle: route.vehicleId })} onResult={refresh} />
      )}
      {manage && view.sets.some((s) => s.status !== 'built') && (
        <form aria-label={t('sets.newRoute')} onSubmit={(e) => { e.preventDefault(); create.mutate({ districtId, acId: view.ac.id, name: r.name, vehicleId: r.vehicle, stops }); }}>
          <h4>{t('sets.newRoute')}</h4>
          <label className="field"><span>{t('sets.routeName')}</span><input value={r.name} onChange={(e) => setR({ ...r, name: e.target.value })} required /></label>
          <label className="field"><span>{t('sets.vehicle')}</span><input value={r.vehicle} onChange={(e) => setR({ ...r, vehicle: e.target.value })} required /></label>
          <label className="field"><span>{t('sets.stops')}</span>
            <textarea rows={4} value={r.stops} placeholder={'1 PP-001\n2 PP-002'} onChange={(e) => setR({ ...r, stops: e.target.value })} required />
          </label>
          {create.isError && <ErrorAlert error={create.error} />}
          <button type="submit" className="button-primary" disabled={create.isPending || stops.length === 0}>{t('sets.createRoute')}</button>
        </form>
      )}
    </div>
  );
}

function RouteCard({ districtId, route, manage, onScan }: { districtId: number; route: RouteView; manage: boolean; onScan: () => void }) {
  const { t } = useTranslation();
  const issued = route.stops.filter((s) => s.issued).length;
  return (
    <div className="route-card" data-testid={`route-${route.code}`}>
      <p><strong>{route.code}</strong> · {route.name} · {t('sets.vehicle')} {route.vehicleId} · {t('sets.issuedCount', { issued: formatCount(issued), total: formatCount(route.stops.length) })}</p>
      <ul>
        {route.stops.map((s) => (
          <li key={s.stationNumber}>{t('sets.station', { n: s.stationNumber, name: s.stationName })} — {s.setCode ?? '—'} — {t('sets.party', { party: s.partyId })} {s.issued ? `✓ ${t('sets.status.issued')}` : ''}</li>
        ))}
      </ul>
      <PdfLinks label={t('sets.pdf.manifest')} href={(lang) => `/pdf/sets/${districtId}/route-${route.id}.pdf?lang=${lang}`} />
      {manage && <button type="button" className="button-primary" onClick={onScan}>{t('sets.issueByScan')}</button>}
    </div>
  );
}
