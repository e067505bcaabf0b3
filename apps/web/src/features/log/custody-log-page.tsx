import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { DistrictPicker } from '../../components/district-picker';
import { ProgressBar } from '../../components/progress-bar';
import { Empty, ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/labels';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { downloadText } from './download';
import { fetchBundle } from './fetch-bundle';

type Checkpoint = RouterOutputs['log']['checkpoint'];

export function CustodyLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('log.title'));
  const { districtId } = useSession();
  return (
    <section aria-labelledby="log-title">
      <div className="page-head">
        <h1 id="log-title">{t('log.title')}</h1>
        <DistrictPicker />
      </div>
      <p className="page-intro">{t('log.intro')}</p>
      {districtId === null ? <Empty>{t('district.pickFirst')}</Empty> : <LogBody districtId={districtId} />}
    </section>
  );
}

function LogBody({ districtId }: { districtId: number }) {
  const trpc = useTRPC();
  const checkpoint = useQuery(trpc.log.checkpoint.queryOptions({ districtId }));
  return (
    <>
      {checkpoint.isPending && <Loading />}
      {checkpoint.isError && <ErrorAlert error={checkpoint.error} onRetry={() => void checkpoint.refetch()} />}
      {checkpoint.data && <CheckpointView cp={checkpoint.data} />}
      <ExportBundle districtId={districtId} />
    </>
  );
}

function CheckpointView({ cp }: { cp: Checkpoint }) {
  const { t } = useTranslation();
  return (
    <div className="panel">
      <h2>{t('log.checkpoint')}</h2>
      {!cp.verified && (
        <div className="alert alert-error" role="alert">
          <p>{t('log.unverified')}</p>
          <p className="mono break">{cp.problem}</p>
        </div>
      )}
      <dl className="facts">
        <div>
          <dt>{t('log.origin')}</dt>
          <dd className="mono">{cp.origin}</dd>
        </div>
        <div>
          <dt>{t('log.size')}</dt>
          <dd>{formatCount(cp.size)}</dd>
        </div>
        <div className="fact-full">
          <dt>{t('log.root')}</dt>
          <dd className="mono break">{cp.rootHex}</dd>
        </div>
        <div className="fact-full">
          <dt>{t('log.vkey')}</dt>
          <dd className="mono break">{cp.logVkey}</dd>
        </div>
      </dl>
      <h3>{t('log.note')}</h3>
      <pre className="note" aria-label={t('log.note')}>
        {cp.note}
      </pre>
    </div>
  );
}

function ExportBundle({ districtId }: { districtId: number }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ received: number; total: number | undefined } | null>(null);
  const exportBundle = useMutation({
    mutationFn: () => fetchBundle(districtId, (received, total) => setProgress({ received, total })),
    onSuccess: (data) => downloadText(data.filename, data.text),
  });
  return (
    <div className="panel">
      <h2>{t('log.exportTitle')}</h2>
      <p>{t('log.exportIntro')}</p>
      <button type="button" className="button-primary" onClick={() => exportBundle.mutate()} disabled={exportBundle.isPending}>
        {exportBundle.isPending ? t('log.preparing') : t('log.download')}
      </button>
      {exportBundle.isPending && progress && (
        <ProgressBar label={t('log.downloading')} value={progress.received} max={progress.total} doneText={formatBytes(progress.received)} />
      )}
      {exportBundle.isError && <ErrorAlert error={exportBundle.error} />}
      {exportBundle.data && (
        <p className="hint" role="status">
          {t('log.saved', { filename: exportBundle.data.filename })}
        </p>
      )}
      <p className="hint">
        {t('log.verifyHint')} <code>pnpm verify {exportBundle.data?.filename ?? t('log.fileArg')}</code>
      </p>
    </div>
  );
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.round(n / 1024)} kB` : `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
