import type { FlcCampaignDetail, FlcScanResult } from '@evmtrail/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { PdfLinks } from '../../components/pdf-links';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { ScanPanel } from '../scan/scan-panel';
import { Attendance, CloseCampaign, MockpollSample, StartUnits } from './flc-campaign-panels';
import { FlcDayChart } from './flc-chart';
import { mayRecordFlc, mayRunFlc } from './flc-links';

/** One FLC campaign: its facts, starting it, the engineer's results by scan, and progress. */
export function FlcCampaignPage({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  const detail = useQuery({ ...trpc.flc.byId.queryOptions({ districtId: districtId ?? 0, campaignId }), enabled: districtId !== null });
  usePageTitle(detail.data ? detail.data.code : t('flc.title'));
  if (districtId === null) return null;
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const c = detail.data;
  return (
    <section>
      <div className="page-head">
        <h1>{c.code} · {c.hall.name}</h1>
      </div>
      <dl className="facts">
        <div><dt>{t('flc.statusLabel')}</dt><dd>{t(`flc.status.${c.status}`)}</dd></div>
        <div><dt>{t('flc.plan.election')}</dt><dd>{c.electionName}</dd></div>
        <div><dt>{t('flc.schedule')}</dt><dd>{c.startsOn} – {c.endsOn}</dd></div>
        <div><dt>{t('flc.supervisor')}</dt><dd>{c.supervisorName}</dd></div>
        <div><dt>{t('flc.noticeDate')}</dt><dd>{t('flc.noticeTo', { date: c.noticeDate, count: c.parties.length, parties: c.parties.join(', ') })}</dd></div>
        <div><dt>{t('flc.mayStartOn')}</dt><dd>{c.mayStartOn}</dd></div>
      </dl>
      <div className="panel">
        {(['register', 'party-register', 'certificate'] as const).map((doc) => (
          <PdfLinks key={doc} label={t(`flc.pdf.${doc}`)} href={(lang) => `/pdf/flc/${districtId}/${c.id}-${doc}.pdf?lang=${lang}`} />
        ))}
      </div>
      {c.status === 'planned' && mayRunFlc(me.role) && <StartCampaign districtId={districtId} campaign={c} />}
      {c.status === 'running' && mayRunFlc(me.role) && <StartUnits districtId={districtId} campaign={c} />}
      {c.status === 'running' && mayRecordFlc(me.role) && <RecordResults districtId={districtId} campaign={c} />}
      <MockpollSample districtId={districtId} campaign={c} mayDraw={me.role === 'deo' || me.role === 'dy_deo'} mayRecord={mayRecordFlc(me.role)} />
      <Progress campaign={c} />
      <Recent campaign={c} />
      <Attendance districtId={districtId} campaign={c} mayRecord={mayRunFlc(me.role)} />
      {c.status === 'running' && mayRunFlc(me.role) && <CloseCampaign districtId={districtId} campaign={c} />}
    </section>
  );
}

function useRefresh(districtId: number, campaignId: number): () => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.flc.byId.queryKey({ districtId, campaignId }) });
}

function StartCampaign({ districtId, campaign }: { districtId: number; campaign: FlcCampaignDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh(districtId, campaign.id);
  const start = useMutation(trpc.flc.start.mutationOptions({ onSuccess: refresh }));
  return (
    <div className="panel">
      <p>{t('flc.startHint', { date: campaign.mayStartOn })}</p>
      {start.isError && <ErrorAlert error={start.error} />}
      <button type="button" className="button-primary" disabled={start.isPending} onClick={() => start.mutate({ districtId, campaignId: campaign.id })}>
        {t('flc.start')}
      </button>
    </div>
  );
}

/** The engineer's screen: pass with the pink seal, or fail with a fault code, then scan the unit. */
function RecordResults({ districtId, campaign }: { districtId: number; campaign: FlcCampaignDetail }) {
  const { t } = useTranslation();
  const refresh = useRefresh(districtId, campaign.id);
  const [result, setResult] = useState<'pass' | 'fail'>('pass');
  const [seal, setSeal] = useState('');
  const [fault, setFault] = useState(campaign.faultCodes[0] ?? '');
  const [note, setNote] = useState('');
  const flc: FlcScanResult | undefined = result === 'pass'
    ? (seal.trim().length >= 3 ? { result: 'pass', pinkSeal: seal.trim() } : undefined)
    : (fault ? { result: 'fail', faultCode: fault, ...(note.trim() ? { note: note.trim() } : {}) } : undefined);
  return (
    <div className="panel flc-record">
      <h2>{t('flc.record.title')}</h2>
      <fieldset className="flc-result-choice">
        <legend>{t('flc.record.result')}</legend>
        <label><input type="radio" name="flc-result" checked={result === 'pass'} onChange={() => setResult('pass')} /> {t('flc.record.pass')}</label>
        <label><input type="radio" name="flc-result" checked={result === 'fail'} onChange={() => setResult('fail')} /> {t('flc.record.fail')}</label>
      </fieldset>
      {result === 'pass' ? (
        <label className="field"><span>{t('flc.record.pinkSeal')}</span><input value={seal} onChange={(e) => setSeal(e.target.value)} autoComplete="off" /></label>
      ) : (
        <>
          <label className="field"><span>{t('flc.record.faultCode')}</span>
            <select value={fault} onChange={(e) => setFault(e.target.value)}>
              {campaign.faultCodes.map((f) => <option key={f} value={f}>{t(`flc.fault.${f}`, { defaultValue: f })}</option>)}
            </select>
          </label>
          <label className="field"><span>{t('flc.record.note')}</span><input value={note} onChange={(e) => setNote(e.target.value)} /></label>
        </>
      )}
      {!flc && <p className="hint">{t('flc.record.notReady')}</p>}
      <ScanPanel
        districtId={districtId}
        task={{ kind: 'flc', id: campaign.id }}
        title={t('flc.record.scanTitle')}
        onResult={refresh}
        showTally={false}
        flc={flc}
        notReady={t('flc.record.notReady')}
        onKept={() => { setSeal(''); setNote(''); }}
      />
    </div>
  );
}

function Progress({ campaign }: { campaign: FlcCampaignDetail }) {
  const { t } = useTranslation();
  const p = campaign.progress;
  const remaining = p.remaining.reduce((n, r) => n + r.count, 0);
  return (
    <div className="panel">
      <h2>{t('flc.progress.title')}</h2>
      <dl className="facts">
        <div><dt>{t('flc.progress.passed')}</dt><dd data-testid="flc-passed">{formatCount(p.passed)}</dd></div>
        <div><dt>{t('flc.progress.failed')}</dt><dd data-testid="flc-failed">{formatCount(p.failed)}</dd></div>
        <div><dt>{t('flc.progress.remaining')}</dt><dd data-testid="flc-remaining">{formatCount(remaining)}{p.remaining.length > 0 ? ` (${p.remaining.map((r) => `${r.kind} ${formatCount(r.count)}`).join(', ')})` : ''}</dd></div>
      </dl>
      <h3>{t('flc.progress.perDay')}</h3>
      <FlcDayChart perDay={p.perDay} />
      <h3>{t('flc.progress.byFault')}</h3>
      {p.rejectionsByFault.length === 0 ? <p className="status-empty">{t('flc.progress.noRejections')}</p> : (
        <ul>
          {p.rejectionsByFault.map((f) => <li key={f.faultCode}>{t(`flc.fault.${f.faultCode}`, { defaultValue: f.faultCode })}: {formatCount(f.count)}</li>)}
        </ul>
      )}
    </div>
  );
}

function Recent({ campaign }: { campaign: FlcCampaignDetail }) {
  const { t } = useTranslation();
  if (campaign.recent.length === 0) return null;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('flc.recent')}>
      <table className="data-table">
        <caption>{t('flc.recent')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('flc.serial')}</th>
            <th scope="col">{t('flc.record.result')}</th>
            <th scope="col">{t('flc.record.pinkSeal')} / {t('flc.record.faultCode')}</th>
            <th scope="col">{t('flc.recordedBy')}</th>
            <th scope="col">{t('flc.recordedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {campaign.recent.map((r) => (
            <tr key={`${r.serial}-${r.recordedAt}`}>
              <td>{r.serial}</td>
              <td>{r.result === 'pass' ? t('flc.record.pass') : t('flc.record.fail')}</td>
              <td>{r.pinkSeal ?? `${r.faultCode ? t(`flc.fault.${r.faultCode}`, { defaultValue: r.faultCode }) : ''}${r.note ? ` — ${r.note}` : ''}`}</td>
              <td>{r.recordedBy}</td>
              <td>{new Date(r.recordedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
