import type { FlcCampaignList } from '@evmtrail/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../components/status';
import { useTRPC } from '../../lib/trpc';
import { mayRunFlc } from './flc-links';

/** The district's FLC campaigns, newest first, and a new one for the DEO and Dy. DEO. */
export function FlcPage() {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  usePageTitle(t('flc.title'));
  const list = useQuery({ ...trpc.flc.list.queryOptions({ districtId: districtId ?? 0 }), enabled: districtId !== null });
  return (
    <section>
      <div className="page-head">
        <h1>{t('flc.title')}</h1>
      </div>
      <p className="hint">{t('flc.intro')}</p>
      {list.isPending && districtId !== null && <Loading />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.campaigns.length === 0 && <p className="status-empty">{t('flc.none')}</p>}
      {list.data && list.data.campaigns.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('flc.listCaption')}>
          <table className="data-table">
            <caption>{t('flc.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('flc.campaign')}</th>
                <th scope="col">{t('flc.hall')}</th>
                <th scope="col">{t('flc.statusLabel')}</th>
                <th scope="col">{t('flc.schedule')}</th>
                <th scope="col">{t('flc.noticeDate')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.campaigns.map((c) => (
                <tr key={c.id}>
                  <td><Link to="/flc/$campaignId" params={{ campaignId: c.id }}>{c.code}</Link></td>
                  <td>{c.hall.name}</td>
                  <td>{t(`flc.status.${c.status}`)}</td>
                  <td>{c.startsOn} – {c.endsOn}</td>
                  <td>{c.noticeDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {districtId !== null && list.data && mayRunFlc(me.role) && <PlanCampaign districtId={districtId} choices={list.data} />}
    </section>
  );
}

function PlanCampaign({ districtId, choices }: { districtId: number; choices: FlcCampaignList }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState({
    electionId: String(choices.elections[0]?.id ?? ''), hallLocationId: String(choices.halls[0]?.id ?? ''),
    startsOn: today, endsOn: today, supervisorName: '', noticeDate: today, parties: '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const create = useMutation(trpc.flc.create.mutationOptions({
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: trpc.flc.list.pathKey() });
      void navigate({ to: '/flc/$campaignId', params: { campaignId: c.id } });
    },
  }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      districtId, electionId: Number(form.electionId), hallLocationId: Number(form.hallLocationId),
      startsOn: form.startsOn, endsOn: form.endsOn, supervisorName: form.supervisorName, noticeDate: form.noticeDate,
      parties: form.parties.split('\n').map((p) => p.trim()).filter(Boolean),
    });
  };
  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby="flc-plan">
      <h2 id="flc-plan">{t('flc.plan.title')}</h2>
      <label className="field"><span>{t('flc.plan.election')}</span>
        <select value={form.electionId} onChange={set('electionId')} required>
          {choices.elections.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
      </label>
      <label className="field"><span>{t('flc.hall')}</span>
        <select value={form.hallLocationId} onChange={set('hallLocationId')} required>
          {choices.halls.map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}
        </select>
      </label>
      <label className="field"><span>{t('flc.plan.startsOn')}</span><input type="date" value={form.startsOn} onChange={set('startsOn')} required /></label>
      <label className="field"><span>{t('flc.plan.endsOn')}</span><input type="date" value={form.endsOn} onChange={set('endsOn')} required /></label>
      <label className="field"><span>{t('flc.supervisor')}</span><input value={form.supervisorName} onChange={set('supervisorName')} required minLength={2} /></label>
      <label className="field"><span>{t('flc.noticeDate')}</span><input type="date" value={form.noticeDate} onChange={set('noticeDate')} required /></label>
      <label className="field"><span>{t('flc.plan.parties')}</span><textarea rows={4} value={form.parties} onChange={set('parties')} required /></label>
      {create.isError && <ErrorAlert error={create.error} />}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={create.isPending}>{t('flc.plan.submit')}</button>
      </div>
    </form>
  );
}
