import { FLC_ATTENDEE_ROLES, type FlcAttendeeRole, type FlcCampaignDetail, type FlcSampleRow } from '@evmtrail/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';

/*
 * The FLC campaign page's working panels (issue 9): the parties' mock-poll sample and the
 * engineer's results, the daily attendance register, units onto the FLC table, and closing.
 */

function useRefresh(districtId: number, campaignId: number): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.flc.byId.queryKey({ districtId, campaignId }) });
}

/** The sample's ceremony (drawn here by the DEO / FLC supervisor) and its table: tier, serial, votes, CU total, slips, status. */
export function MockpollSample({ districtId, campaign, mayDraw, mayRecord }: { districtId: number; campaign: FlcCampaignDetail; mayDraw: boolean; mayRecord: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const draw = useMutation(trpc.ceremony.create.mutationOptions({
    onSuccess: (c) => void navigate({ to: '/ceremonies/$ceremonyId', params: { ceremonyId: c.id } }),
  }));
  const s = campaign.sample;
  return (
    <div className="panel flc-sample">
      <h2>{t('flc.sample.title')}</h2>
      <p className="hint">{t('flc.sample.intro')}</p>
      {!s && campaign.status === 'running' && mayDraw && (
        <>
          {draw.isError && <ErrorAlert error={draw.error} />}
          <button type="button" className="button-primary" disabled={draw.isPending}
            onClick={() => draw.mutate({ districtId, stage: 'flc_sample', flcCampaignId: campaign.id })}>
            {t('flc.sample.draw')}
          </button>
        </>
      )}
      {!s && !(campaign.status === 'running' && mayDraw) && <p className="status-empty">{t('flc.sample.none')}</p>}
      {s && (
        <p>
          {t('flc.sample.ceremony')}{' '}
          <Link to="/ceremonies/$ceremonyId" params={{ ceremonyId: s.ceremonyId }} data-testid="flc-sample-ceremony">{s.code}</Link>
          {' · '}{t(`ceremonies.status.${s.status}`)}
          {s.status !== 'finalised' && <> — {t('flc.sample.notFinal')}</>}
        </p>
      )}
      {s && s.rows.length > 0 && <SampleTable rows={s.rows} />}
      {s && s.status === 'finalised' && campaign.status === 'running' && mayRecord && s.rows.some((r) => r.status === 'pending') && (
        <MockpollResultForm districtId={districtId} campaignId={campaign.id} rows={s.rows} />
      )}
    </div>
  );
}

function SampleTable({ rows }: { rows: readonly FlcSampleRow[] }) {
  const { t } = useTranslation();
  const count = (n: number | null) => (n === null ? '—' : formatCount(n));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('flc.sample.caption')}>
      <table className="data-table" data-testid="flc-sample-table">
        <caption>{t('flc.sample.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('flc.sample.tier')}</th>
            <th scope="col">{t('flc.serial')}</th>
            <th scope="col">{t('flc.sample.votesCast')}</th>
            <th scope="col">{t('flc.sample.cuTotal')}</th>
            <th scope="col">{t('flc.sample.slips')}</th>
            <th scope="col">{t('flc.statusLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.serial} data-serial={r.serial} className={r.status === 'mismatch' ? 'flc-mismatch' : undefined}>
              <td>{t('flc.sample.tierVotes', { votes: formatCount(r.votes) })}</td>
              <td>{r.serial}</td>
              <td>{count(r.votesCast)}</td>
              <td>{count(r.cuTotal)}</td>
              <td>{count(r.slips)}</td>
              <td data-status={r.status}>{r.status === 'mismatch' ? <strong>{t('flc.sample.status.mismatch')}</strong> : t(`flc.sample.status.${r.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The engineer's form (phone-friendly): pick the sampled CU (or type its serial), then the three counts. */
function MockpollResultForm({ districtId, campaignId, rows }: { districtId: number; campaignId: number; rows: readonly FlcSampleRow[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, campaignId);
  const pending = rows.filter((r) => r.status === 'pending');
  const [serial, setSerial] = useState(pending[0]?.serial ?? '');
  const tier = rows.find((r) => r.serial === serial.trim().toUpperCase());
  const [votes, setVotes] = useState(String(pending[0]?.votes ?? ''));
  const [cu, setCu] = useState('');
  const [slips, setSlips] = useState('');
  const save = useMutation(trpc.flc.mockpollResult.mutationOptions({
    onSuccess: () => { setSerial(''); setVotes(''); setCu(''); setSlips(''); refresh(); },
  }));
  const pick = (value: string) => {
    setSerial(value);
    const row = rows.find((r) => r.serial === value);
    if (row) setVotes(String(row.votes));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ districtId, campaignId, serial: serial.trim(), votesCast: Number(votes), cuTotal: Number(cu), slips: Number(slips) });
  };
  return (
    <form className="panel record-form flc-mockpoll-form" onSubmit={submit} aria-label={t('flc.sample.recordTitle')}>
      <h3>{t('flc.sample.recordTitle')}</h3>
      <label className="field"><span>{t('flc.sample.pick')}</span>
        <select value={pending.some((r) => r.serial === serial) ? serial : ''} onChange={(e) => pick(e.target.value)}>
          <option value="">—</option>
          {pending.map((r) => <option key={r.serial} value={r.serial}>{r.serial} · {t('flc.sample.tierVotes', { votes: formatCount(r.votes) })}</option>)}
        </select>
      </label>
      <label className="field"><span>{t('flc.sample.serialTyped')}</span>
        <input value={serial} onChange={(e) => setSerial(e.target.value)} autoComplete="off" autoCapitalize="characters" required />
      </label>
      {tier && <p className="hint">{t('flc.sample.tierHint', { votes: formatCount(tier.votes) })}</p>}
      <label className="field"><span>{t('flc.sample.votesCast')}</span><input inputMode="numeric" pattern="[0-9]*" value={votes} onChange={(e) => setVotes(e.target.value)} required /></label>
      <label className="field"><span>{t('flc.sample.cuTotal')}</span><input inputMode="numeric" pattern="[0-9]*" value={cu} onChange={(e) => setCu(e.target.value)} required /></label>
      <label className="field"><span>{t('flc.sample.slips')}</span><input inputMode="numeric" pattern="[0-9]*" value={slips} onChange={(e) => setSlips(e.target.value)} required /></label>
      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <p role="status" className={save.data.status === 'mismatch' ? 'alert alert-error' : 'hint'}>
          {save.data.status === 'mismatch'
            ? t('flc.sample.mismatchBlocked', { serial: save.data.serial })
            : t('flc.sample.matched', { serial: save.data.serial })}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={save.isPending}>{t('flc.sample.save')}</button>
    </form>
  );
}

const today = (): string => new Date(Date.now() + 330 * 60 * 1000).toISOString().slice(0, 10);

/** The daily attendance register: the form (DEO / FLC supervisor) and the table. */
export function Attendance({ districtId, campaign, mayRecord }: { districtId: number; campaign: FlcCampaignDetail; mayRecord: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, campaign.id);
  const empty = { day: today(), name: '', role: 'party_rep' as FlcAttendeeRole, affiliation: '', timeIn: '', timeOut: '' };
  const [form, setForm] = useState(empty);
  const attend = useMutation(trpc.flc.attend.mutationOptions({ onSuccess: () => { setForm({ ...empty, day: form.day }); refresh(); } }));
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    attend.mutate({
      districtId, campaignId: campaign.id, day: form.day, name: form.name.trim(), role: form.role,
      ...(form.affiliation.trim() ? { affiliation: form.affiliation.trim() } : {}),
      ...(form.timeIn ? { timeIn: form.timeIn } : {}), ...(form.timeOut ? { timeOut: form.timeOut } : {}),
    });
  };
  return (
    <div className="panel flc-attendance">
      <h2>{t('flc.attendance.title')}</h2>
      {campaign.attendance.length === 0 ? <p className="status-empty">{t('flc.attendance.none')}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('flc.attendance.title')}>
          <table className="data-table" data-testid="flc-attendance-table">
            <caption>{t('flc.attendance.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('flc.attendance.day')}</th>
                <th scope="col">{t('flc.attendance.name')}</th>
                <th scope="col">{t('flc.attendance.role')}</th>
                <th scope="col">{t('flc.attendance.affiliation')}</th>
                <th scope="col">{t('flc.attendance.timeIn')}</th>
                <th scope="col">{t('flc.attendance.timeOut')}</th>
              </tr>
            </thead>
            <tbody>
              {campaign.attendance.map((a, i) => (
                <tr key={`${a.day}-${a.name}-${i}`}>
                  <td>{a.day}</td><td>{a.name}</td><td>{t(`flc.attendance.roles.${a.role}`)}</td>
                  <td>{a.affiliation ?? '—'}</td><td>{a.timeIn ?? '—'}</td><td>{a.timeOut ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayRecord && campaign.status === 'running' && (
        <form className="record-form" onSubmit={submit} aria-label={t('flc.attendance.add')}>
          <label className="field"><span>{t('flc.attendance.day')}</span><input type="date" value={form.day} onChange={set('day')} required /></label>
          <label className="field"><span>{t('flc.attendance.name')}</span><input value={form.name} onChange={set('name')} required minLength={2} /></label>
          <label className="field"><span>{t('flc.attendance.role')}</span>
            <select value={form.role} onChange={set('role')}>
              {FLC_ATTENDEE_ROLES.map((r) => <option key={r} value={r}>{t(`flc.attendance.roles.${r}`)}</option>)}
            </select>
          </label>
          <label className="field"><span>{t('flc.attendance.affiliation')}</span><input value={form.affiliation} onChange={set('affiliation')} /></label>
          <label className="field"><span>{t('flc.attendance.timeIn')}</span><input type="time" value={form.timeIn} onChange={set('timeIn')} /></label>
          <label className="field"><span>{t('flc.attendance.timeOut')}</span><input type="time" value={form.timeOut} onChange={set('timeOut')} /></label>
          {attend.isError && <ErrorAlert error={attend.error} />}
          <button type="submit" className="button-primary" disabled={attend.isPending}>{t('flc.attendance.add')}</button>
        </form>
      )}
    </div>
  );
}

/** Units onto the FLC table: serials scanned or typed, one per line (start_flc through the unit service). */
export function StartUnits({ districtId, campaign }: { districtId: number; campaign: FlcCampaignDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, campaign.id);
  const [text, setText] = useState('');
  const start = useMutation(trpc.flc.startUnits.mutationOptions({ onSuccess: () => { setText(''); refresh(); } }));
  const serials = [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))];
  return (
    <form className="panel record-form" aria-label={t('flc.startUnits.title')}
      onSubmit={(e) => { e.preventDefault(); if (serials.length > 0) start.mutate({ districtId, campaignId: campaign.id, serials }); }}>
      <h2>{t('flc.startUnits.title')}</h2>
      <p className="hint">{t('flc.startUnits.hint')}</p>
      <label className="field"><span>{t('flc.startUnits.serials')}</span><textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} /></label>
      {start.isError && <ErrorAlert error={start.error} />}
      {start.isSuccess && <p role="status" className="hint">{t('flc.startUnits.done', { count: start.data.count })}</p>}
      <button type="submit" className="button-primary" disabled={start.isPending || serials.length === 0}>{t('flc.startUnits.submit', { count: serials.length })}</button>
    </form>
  );
}

/** Closing the campaign (refused while units are under check or the sample is unfinished). */
export function CloseCampaign({ districtId, campaign }: { districtId: number; campaign: FlcCampaignDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, campaign.id);
  const close = useMutation(trpc.flc.close.mutationOptions({ onSuccess: refresh }));
  return (
    <div className="panel">
      <h2>{t('flc.close.title')}</h2>
      <p className="hint">{t('flc.close.hint')}</p>
      {close.isError && <ErrorAlert error={close.error} />}
      <button type="button" className="button" disabled={close.isPending} onClick={() => close.mutate({ districtId, campaignId: campaign.id })}>{t('flc.close.submit')}</button>
    </div>
  );
}
