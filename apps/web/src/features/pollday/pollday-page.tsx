import { PERMISSIONS, replacementRule, type StationPollView, type UnitKind } from '@evmtrail/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { PdfLinks } from '../../components/pdf-links';
import { ErrorAlert, Loading } from '../../components/status';
import { stateLabel } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';

/** Who sees the poll-day screen in the nav: the presiding officer and the sector officer (phone users), the RO. */
export function showsPollDay(role: string): boolean {
  return ['presiding_officer', 'sector_officer', 'ro'].includes(role);
}
const may = (action: 'poll.preside' | 'poll.replace', role: string) => (PERMISSIONS[action] as readonly string[]).includes(role);

/** Splits "PK-1, PK-2 PK-3" into serials. */
function list(text: string): string[] {
  return text.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
}

/** "R. Kulkarni, Party A" per line into agents. */
function agents(text: string): { name: string; party: string }[] {
  return text.split('\n').map((line) => line.split(',').map((x) => x.trim())).filter(([name]) => Boolean(name)).map(([name, ...party]) => ({ name: name ?? '', party: party.join(', ') }));
}

/**
 * Poll day at a polling station (issue 10 item 5), phone-first: the presiding officer records the
 * mock poll certificate, starts and closes the poll (Form 17C Part I); the sector officer replaces
 * a failed unit from their reserve by the rules (the same replacementRule the api applies).
 */
export function PollDayPage() {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  usePageTitle(t('pollday.title'));
  const acId = me.jurisdiction.acId;
  const ac = useQuery({ ...trpc.pollDay.byAc.queryOptions({ districtId: districtId ?? 0, acId: acId ?? 0 }), enabled: districtId !== null && acId !== undefined });
  const [stationId, setStationId] = useState<number | null>(null);
  if (districtId === null) return null;
  return (
    <section>
      <div className="page-head"><h1>{t('pollday.title')}</h1></div>
      <p className="hint">{t('pollday.intro')}</p>
      {acId === undefined && <p className="hint">{t('pollday.acOnly')}</p>}
      {ac.isError && <ErrorAlert error={ac.error} onRetry={() => void ac.refetch()} />}
      {ac.data && (
        <label className="field">
          <span>{t('pollday.station')}</span>
          <select value={stationId ?? ''} onChange={(e) => setStationId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('pollday.chooseStation')}</option>
            {ac.data.stations.filter((s) => s.setCode !== null).map((s) => (
              <option key={s.id} value={s.id}>{`PS ${s.number} ${s.name} · ${t(`map.status.${s.status}`)}`}</option>
            ))}
          </select>
        </label>
      )}
      {stationId !== null && <Station key={stationId} districtId={districtId} stationId={stationId} role={me.role} acId={acId ?? 0} />}
    </section>
  );
}

function Station({ districtId, stationId, role, acId }: { districtId: number; stationId: number; role: string; acId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const view = useQuery(trpc.pollDay.byStation.queryOptions({ districtId, stationId }));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.pollDay.byStation.queryKey({ districtId, stationId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.pollDay.byAc.queryKey({ districtId, acId }) });
  };
  if (view.isError) return <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <Loading />;
  const v = view.data;
  return (
    <div>
      <div className="panel">
        <h2>{`PS ${v.station.number} ${v.station.name}`}</h2>
        <p><strong>{t(`map.status.${v.status}`)}</strong>{v.setCode && ` · ${t('pollday.setVersion', { code: v.setCode, version: v.version ?? 1 })}`}</p>
        <ul className="plain" aria-label={t('pollday.members')}>
          {v.members.map((m) => <li key={m.serial}><code>{m.kind} {m.serial}</code> · {stateLabel(t, m.state)}</li>)}
        </ul>
        {v.status === 'closed' && <PdfLinks label={t('pollday.form17c')} href={(lang) => `/pdf/pollday/${districtId}/${v.station.id}-17c.pdf?lang=${lang}`} />}
      </div>
      {may('poll.preside', role) && <Preside view={v} districtId={districtId} onDone={refresh} />}
      {may('poll.replace', role) && <Replace view={v} districtId={districtId} onDone={refresh} />}
      <History view={v} />
    </div>
  );
}

function Preside({ view, districtId, onDone }: { view: StationPollView; districtId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [votes, setVotes] = useState(String(view.mockPollMinVotes));
  const [agentText, setAgentText] = useState('');
  const [waited, setWaited] = useState('');
  const [seals, setSeals] = useState('');
  const [closeSeals, setCloseSeals] = useState('');
  const [recorded, setRecorded] = useState('');
  const mock = useMutation(trpc.pollDay.mockPoll.mutationOptions({ onSuccess: onDone }));
  const start = useMutation(trpc.pollDay.start.mutationOptions({ onSuccess: onDone }));
  const close = useMutation(trpc.pollDay.close.mutationOptions({ onSuccess: onDone }));
  const waiting = view.members.some((m) => m.state === 'issued_to_polling_party');
  const ready = view.members.length > 0 && view.members.every((m) => m.state === 'mock_poll_ok');
  const on = view.members.length > 0 && view.members.every((m) => m.state === 'in_poll');
  const submitMock = (e: FormEvent) => {
    e.preventDefault();
    mock.mutate({ districtId, stationId: view.station.id, votes: Number(votes), agents: agents(agentText), ...(waited ? { waitedMinutes: Number(waited) } : {}), seals: list(seals) });
  };
  const submitClose = (e: FormEvent) => {
    e.preventDefault();
    close.mutate({ districtId, stationId: view.station.id, seals: list(closeSeals), votesRecorded: Number(recorded) });
  };
  return (
    <>
      {waiting && (
        <form className="panel" onSubmit={submitMock} aria-label={t('pollday.mockPollTitle')}>
          <h3>{t('pollday.mockPollTitle')}</h3>
          <p className="hint">{t('pollday.mockPollHint', { n: view.mockPollMinVotes })}</p>
          <label className="field"><span>{t('pollday.votes')}</span>
            <input type="number" min={0} max={5000} inputMode="numeric" value={votes} onChange={(e) => setVotes(e.target.value)} required />
          </label>
          <label className="field"><span>{t('pollday.agents')}</span>
            <textarea rows={3} value={agentText} onChange={(e) => setAgentText(e.target.value)} placeholder={t('pollday.agentsPlaceholder')} />
          </label>
          <label className="field"><span>{t('pollday.waited')}</span>
            <input type="number" min={0} max={240} inputMode="numeric" value={waited} onChange={(e) => setWaited(e.target.value)} />
          </label>
          <label className="field"><span>{t('pollday.seals')}</span>
            <input value={seals} onChange={(e) => setSeals(e.target.value)} required autoCapitalize="characters" />
          </label>
          {mock.isError && <ErrorAlert error={mock.error} />}
          <button type="submit" disabled={mock.isPending}>{t('pollday.recordMockPoll')}</button>
        </form>
      )}
      {ready && (
        <div className="panel">
          <h3>{t('pollday.startTitle')}</h3>
          {start.isError && <ErrorAlert error={start.error} />}
          <button type="button" disabled={start.isPending} onClick={() => start.mutate({ districtId, stationId: view.station.id })}>{t('pollday.start')}</button>
        </div>
      )}
      {on && (
        <form className="panel" onSubmit={submitClose} aria-label={t('pollday.closeTitle')}>
          <h3>{t('pollday.closeTitle')}</h3>
          <p className="hint">{t('pollday.closeHint')}</p>
          <label className="field"><span>{t('pollday.closeSeals')}</span>
            <input value={closeSeals} onChange={(e) => setCloseSeals(e.target.value)} required autoCapitalize="characters" />
          </label>
          <label className="field"><span>{t('pollday.votesRecorded')}</span>
            <input type="number" min={0} max={10000} inputMode="numeric" value={recorded} onChange={(e) => setRecorded(e.target.value)} required />
          </label>
          {close.isError && <ErrorAlert error={close.error} />}
          <button type="submit" disabled={close.isPending}>{t('pollday.close')}</button>
        </form>
      )}
    </>
  );
}

function Replace({ view, districtId, onDone }: { view: StationPollView; districtId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [failed, setFailed] = useState<string[]>([]);
  const [fault, setFault] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const replace = useMutation(trpc.pollDay.replace.mutationOptions({ onSuccess: () => { setFailed([]); setPicked([]); setTyped(''); onDone(); } }));
  if (!view.phase) return null;
  const reserve = view.sector?.reserve ?? [];
  const typedSerials = list(typed);
  const kindOf = (serial: string): UnitKind | undefined => reserve.find((u) => u.serial === serial)?.kind ?? view.members.find((m) => m.serial === serial)?.kind;
  // The one rule (shared), on what the form knows: a typed serial not in the reserve is judged by the api.
  const offeredKinds = [...picked, ...typedSerials].map(kindOf).filter((k): k is UnitKind => k !== undefined);
  const verdict = failed.length > 0 && offeredKinds.length > 0 && typedSerials.every((s) => kindOf(s) !== undefined)
    ? replacementRule({ phase: view.phase, failed: failed.map(kindOf).filter((k): k is UnitKind => k !== undefined), set: view.members.map((m) => m.kind), offered: offeredKinds })
    : null;
  const toggle = (listNow: string[], set: (v: string[]) => void, serial: string) => set(listNow.includes(serial) ? listNow.filter((s) => s !== serial) : [...listNow, serial]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (verdict && !verdict.ok) return;
    replace.mutate({ districtId, stationId: view.station.id, failed: failed.map((serial) => ({ serial, faultCode: fault.trim().toUpperCase() || 'FAULT' })), replacements: [...picked, ...typedSerials], reason });
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={t('pollday.replaceTitle')}>
      <h3>{t('pollday.replaceTitle')}</h3>
      <p className="hint">{t(view.phase === 'mock_poll' ? 'pollday.replaceHintMock' : 'pollday.replaceHintPoll')}</p>
      <fieldset>
        <legend>{t('pollday.failedUnits')}</legend>
        {view.members.map((m) => (
          <label key={m.serial} className="check"><input type="checkbox" checked={failed.includes(m.serial)} onChange={() => toggle(failed, setFailed, m.serial)} /> {m.kind} {m.serial}</label>
        ))}
      </fieldset>
      <label className="field"><span>{t('pollday.faultCode')}</span>
        <input value={fault} onChange={(e) => setFault(e.target.value)} required autoCapitalize="characters" />
      </label>
      <fieldset>
        <legend>{view.sector ? t('pollday.reserveOf', { officer: view.sector.officerName, code: view.sector.code }) : t('pollday.noSector')}</legend>
        {reserve.map((u) => (
          <label key={u.serial} className="check"><input type="checkbox" checked={picked.includes(u.serial)} onChange={() => toggle(picked, setPicked, u.serial)} /> {u.kind} {u.serial}</label>
        ))}
      </fieldset>
      <label className="field"><span>{t('pollday.typedSerial')}</span>
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoCapitalize="characters" />
      </label>
      <label className="field"><span>{t('pollday.reason')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
      </label>
      {verdict && !verdict.ok && (
        <div className="alert alert-error" role="alert" data-error-kind="replacement_rule">
          {t('errors.replacement_rule', { setCode: view.setCode ?? '—', station: `PS ${view.station.number} ${view.station.name}`, rule: t(`pollday.rule.${verdict.refusal}`), needKinds: verdict.need, offeredKinds: verdict.offered })}
        </div>
      )}
      {verdict?.ok && <p className="hint">{t(`pollday.mode.${verdict.mode}`)}</p>}
      {replace.isError && <ErrorAlert error={replace.error} />}
      <button type="submit" disabled={replace.isPending || (verdict !== null && !verdict.ok)}>{t('pollday.replace')}</button>
    </form>
  );
}

function History({ view }: { view: StationPollView }) {
  const { t } = useTranslation();
  if (view.records.length === 0) return null;
  return (
    <div className="panel">
      <h3>{t('pollday.history')}</h3>
      <ol className="plain">
        {view.records.map((r, i) => (
          <li key={i}>{new Date(r.at).toLocaleTimeString()} · {t(`pollday.kind.${r.kind}`)} · {r.by}{typeof r.record.reason === 'string' ? ` · ${r.record.reason}` : ''}</li>
        ))}
      </ol>
    </div>
  );
}
