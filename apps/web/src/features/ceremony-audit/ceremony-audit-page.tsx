import {
  encodeRandBundle,
  parseRandBundle,
  randFilePath,
  verifyRandomisation,
  type CeremonyDetail,
  type CeremonyFiles,
  type DrawCheck,
  type PublishedDraw,
} from '@evmtrail/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { downloadText } from '../log/download';
import { PartyLists } from './party-lists';
import { TrailPanel } from './trail-panel';

/** How often a ceremony still in progress is re-read, so parties' devices follow it without a reload. */
export const FOLLOW_MS = 4000;

const isLive = (status: string) => status !== 'finalised' && status !== 'abandoned';

/**
 * The observer's and party representatives' audit of one ceremony (issue 8 item 5): every input
 * and step with who and when, the result recomputed in this browser from the published files,
 * downloads of everything needed to recompute elsewhere, and a check of any bundle file.
 * `present` shows it in large type for a projector; both follow a live ceremony by polling.
 */
export function CeremonyAuditPage({ ceremonyId, present = false }: { ceremonyId: number; present?: boolean }) {
  const { t } = useTranslation();
  const { districtId } = useSession();
  const trpc = useTRPC();
  const input = { districtId: districtId ?? 0, ceremonyId };
  const detail = useQuery({
    ...trpc.ceremony.byId.queryOptions(input),
    enabled: districtId !== null,
    refetchInterval: (q) => (q.state.data && !isLive(q.state.data.status) ? false : FOLLOW_MS),
  });
  const status = detail.data?.status;
  const files = useQuery({ ...trpc.ceremony.files.queryOptions(input), enabled: districtId !== null && status !== undefined });
  // The published files change only with the status (seed and allocation.csv at allocate): re-read them then.
  const refetchFiles = files.refetch;
  useEffect(() => {
    if (status !== undefined) void refetchFiles();
  }, [status, refetchFiles]);
  usePageTitle(detail.data ? t('audit.pageTitle', { code: detail.data.code }) : t('ceremonies.title'));
  if (districtId === null) return null;
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const c = detail.data;
  return (
    <section className={present ? 'ceremony-audit present' : 'ceremony-audit'} aria-labelledby="audit-title">
      {!present && <p className="crumbs"><Link to="/ceremonies">{t('ceremonies.title')}</Link> › <Link to="/ceremonies/$ceremonyId" params={{ ceremonyId }}>{c.code}</Link></p>}
      <div className="page-head">
        <h1 id="audit-title">{t('audit.pageTitle', { code: c.code })}</h1>
        {!present && <Link className="button" to="/ceremonies/$ceremonyId/present" params={{ ceremonyId }}>{t('audit.presentMode')}</Link>}
        {present && <Link className="button" to="/ceremonies/$ceremonyId/audit" params={{ ceremonyId }}>{t('audit.leavePresent')}</Link>}
      </div>
      <p className="status-line" data-status={c.status} role="status">
        <strong>{t(`ceremonies.status.${c.status}`)}</strong>
        {isLive(c.status) && <> · <span className="hint">{t('audit.following')}</span></>}
      </p>
      {files.data && <Recompute c={c} files={files.data} />}
      {files.isError && <ErrorAlert error={files.error} onRetry={() => void files.refetch()} />}
      <Inputs c={c} files={files.data} />
      <Steps c={c} />
      <TrailPanel c={c} districtId={districtId} />
      {!present && files.data && <Downloads c={c} files={files.data} districtId={districtId} />}
      {!present && <CheckBundle />}
    </section>
  );
}

function drawOf(files: CeremonyFiles, c?: CeremonyDetail): PublishedDraw | undefined {
  if (files.seed === null || files.allocationCsv === null) return undefined;
  return { code: files.code, poolCsv: files.poolCsv, demandCsv: files.demandCsv, seed: files.seed, allocationCsv: files.allocationCsv, ...(c ? { ceremony: c } : {}) };
}

function Recompute({ c, files }: { c: CeremonyDetail; files: CeremonyFiles }) {
  const { t } = useTranslation();
  const check = useMemo(() => {
    const d = drawOf(files);
    return d ? verifyRandomisation(d) : undefined;
  }, [files]);
  if (!check) return <p className="panel hint">{t('audit.notYetAllocated')}</p>;
  return <CheckResult check={check} published={c.allocationHash} />;
}

function CheckResult({ check, published }: { check: DrawCheck; published?: string | null }) {
  const { t } = useTranslation();
  const matches = check.matches && (published === undefined || published === null || published === check.publishedHash);
  return (
    <div className={matches ? 'alert alert-success verdict' : 'alert alert-error verdict'} role="status" data-testid="recompute-verdict" data-matches={matches}>
      <p className="verdict-head">{matches ? t('audit.matches', { code: check.code }) : t('audit.differs', { code: check.code })}</p>
      <p className="hash">sha256(allocation.csv) {check.publishedHash}</p>
      {check.problem !== undefined && <p>{t('audit.cannotRecompute', { problem: check.problem })}</p>}
      {check.firstDifference && (
        <p>{t('audit.firstDifference', { line: check.firstDifference.line, published: check.firstDifference.published, recomputed: check.firstDifference.recomputed })}</p>
      )}
      {check.matches && published && published !== check.publishedHash && <p>{t('audit.hashDiffers', { hash: published })}</p>}
    </div>
  );
}

function Inputs({ c, files }: { c: CeremonyDetail; files: CeremonyFiles | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="panel">
      <h2>{t('audit.inputs')}</h2>
      <dl className="facts">
        <dt>{t('ceremonies.stageLabel')}</dt><dd>{t(`ceremonies.stage.${c.stage}`)}</dd>
        <dt>{t('ceremonies.ac')}</dt><dd>{c.ac ? `${c.ac.number} ${c.ac.name}` : t('ceremonies.wholeDistrict')}</dd>
        <dt>{t('ceremonies.pool')}</dt><dd>{formatCount(c.poolCounts.BU)} BU · {formatCount(c.poolCounts.CU)} CU · {formatCount(c.poolCounts.VVPAT)} VVPAT</dd>
        <dt>P = sha256(pool.csv)</dt><dd className="hash">{c.poolHash}</dd>
        <dt>Q = sha256(demand.csv)</dt><dd className="hash">{c.demandHash}</dd>
      </dl>
      <details>
        <summary>{t('audit.demand', { n: c.demand.length })}</summary>
        <pre className="csv">{files?.demandCsv ?? ''}</pre>
      </details>
    </div>
  );
}

function Steps({ c }: { c: CeremonyDetail }) {
  const { t } = useTranslation();
  const when = (d: { by: string; at: string } | null) => (d ? t('ceremonies.doneBy', { by: d.by, at: new Date(d.at).toLocaleString() }) : t('ceremonies.notYet'));
  return (
    <div className="panel">
      <h2>{t('audit.steps')}</h2>
      <ol className="steps audit-steps">
        <li className={c.created ? 'step step-done' : 'step'}><h3>{t('ceremonies.steps.freeze')}</h3><p className="step-state">{when(c.created)}</p></li>
        <li className={c.dice ? 'step step-done' : 'step'}>
          <h3>{t('ceremonies.steps.commit')}</h3>
          {c.parties.length === 0 ? <p className="hint">{t('ceremonies.noParties')}</p> : (
            <ul className="parties">
              {c.parties.map((p) => <li key={p.party}><strong>{p.party}</strong> <span className="hash">{p.commitment}</span> <small>{when(p.committed)}</small></li>)}
            </ul>
          )}
        </li>
        <li className={c.dice ? 'step step-done' : 'step'}>
          <h3>{t('ceremonies.steps.dice')}</h3>
          {c.diceDigits && <p className="dice" data-testid="dice">{c.diceDigits}</p>}
          <p className="step-state">{when(c.dice)}</p>
        </li>
        <li className={c.allocated ? 'step step-done' : 'step'}>
          <h3>{t('ceremonies.steps.reveal')}</h3>
          <ul className="parties">
            {c.parties.map((p) => (
              <li key={p.party}><strong>{p.party}</strong> {p.reveal ? <span className="hash">{p.reveal}</span> : <em>{c.allocated ? t('ceremonies.withheld') : t('ceremonies.notYetRevealed')}</em>} {p.revealed && <small>{when(p.revealed)}</small>}</li>
            ))}
          </ul>
        </li>
        <li className={c.allocated ? 'step step-done' : 'step'}>
          <h3>{t('ceremonies.steps.allocate')}</h3>
          {c.seed && <p className="seed"><span>{t('ceremonies.seed')}</span> <code>{c.seed}</code></p>}
          {c.allocationHash && <p><span>sha256(allocation.csv)</span> <code className="hash">{c.allocationHash}</code></p>}
          <p className="step-state">{when(c.allocated)}</p>
        </li>
        <li className={c.finalised ? 'step step-done' : 'step'}>
          <h3>{t('ceremonies.steps.finalise')}</h3>
          <p className="step-state">{c.finalised ? t('audit.cosignedBy', { by: c.finalised.by, at: new Date(c.finalised.at).toLocaleString() }) : t('ceremonies.notYet')}</p>
        </li>
      </ol>
    </div>
  );
}

function Downloads({ c, files, districtId }: { c: CeremonyDetail; files: CeremonyFiles; districtId: number }) {
  const { t } = useTranslation();
  const draw = drawOf(files, c);
  const csv = 'text/csv';
  return (
    <div className="panel">
      <h2>{t('audit.downloads')}</h2>
      <p className="hint">{t('audit.downloadsHint')}</p>
      <div className="button-row wrap">
        <button type="button" onClick={() => downloadText(`${c.code}-pool.csv`, files.poolCsv, csv)}>pool.csv</button>
        <button type="button" onClick={() => downloadText(`${c.code}-demand.csv`, files.demandCsv, csv)}>demand.csv</button>
        {files.seed !== null && <button type="button" onClick={() => downloadText(`${c.code}-seed.txt`, files.seed ?? '', 'text/plain')}>seed.txt</button>}
        {files.allocationCsv !== null && <button type="button" onClick={() => downloadText(`${c.code}-allocation.csv`, files.allocationCsv ?? '', csv)}>allocation.csv</button>}
        {draw && <button type="button" className="button-primary" onClick={() => downloadText(`${c.code}.evmrand.json`, encodeRandBundle([JSON.parse(JSON.stringify(draw)) as PublishedDraw]))}>{t('audit.downloadBundle')}</button>}
      </div>
      {c.status === 'finalised' && <PartyLists districtId={districtId} ceremonyId={c.id} stage={c.stage} />}
      {draw && <p className="hint">{t('audit.verifyElsewhere', { file: `${c.code}.evmrand.json`, folder: randFilePath(c.code, 'allocation.csv').replace('/allocation.csv', '/') })}</p>}
    </div>
  );
}

/** Verifies a randomisation bundle file chosen on this device; nothing is uploaded. */
function CheckBundle() {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ name: string; checks: DrawCheck[]; error?: string } | null>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const parsed = parseRandBundle(await file.text());
    if (!parsed.ok) setResult({ name: file.name, checks: [], error: parsed.error.message });
    else setResult({ name: file.name, checks: parsed.value.map(verifyRandomisation) });
  };
  return (
    <div className="panel">
      <h2>{t('audit.checkBundle')}</h2>
      <p className="hint">{t('audit.checkBundleHint')}</p>
      <label className="field"><span>{t('audit.chooseBundle')}</span><input type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} data-testid="bundle-file" /></label>
      {result?.error !== undefined && <p className="alert alert-error" role="alert">{t('audit.bundleUnreadable', { name: result.name, error: result.error })}</p>}
      {result && result.checks.length === 0 && result.error === undefined && <p className="alert alert-error" role="alert">{t('audit.bundleEmpty', { name: result.name })}</p>}
      {result?.checks.map((check) => <CheckResult key={check.code} check={check} />)}
    </div>
  );
}
