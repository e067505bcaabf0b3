import type { CeremonyDetail } from '@evmtrail/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { readTrustedKey, TrustedKey } from './trusted-key';
import { verifyTrail, type StepCheck, type StepProblem } from './verify-trail';

/** What changes the ceremony's trail: a new step re-reads the proofs. */
function trailShape(c: CeremonyDetail): string {
  return [c.status, c.parties.length, c.parties.filter((p) => p.reveal !== null).length, c.replacements.length].join('/');
}

/**
 * Each step of the ceremony as its custody-log entry, verified in this browser against the
 * newest signed checkpoint (verify-trail.ts): one line per step saying which checkpoint it is
 * proved in, or plainly what failed.
 */
export function TrailPanel({ c, districtId }: { c: CeremonyDetail; districtId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const proof = useQuery(trpc.ceremony.logProof.queryOptions({ districtId, ceremonyId: c.id }));
  const shape = trailShape(c);
  const refetch = proof.refetch;
  useEffect(() => {
    void refetch();
  }, [shape, refetch]);
  const origin = proof.data?.checkpoint.origin ?? '';
  // The key entered on this device for this log (null: the api's), read again when the log is known.
  const [trusted, setTrusted] = useState<{ origin: string; key: string | null } | null>(null);
  const key = trusted?.origin === origin ? trusted.key : origin ? readTrustedKey(origin) : null;
  const verdict = useMemo(() => (proof.data ? verifyTrail({ ...proof.data, logVkey: key ?? proof.data.logVkey }, c) : undefined), [proof.data, c, key]);
  return (
    <div className="panel" data-testid="trail">
      <h2>{t('audit.trail.title')}</h2>
      <p className="hint">{t('audit.trail.intro')}</p>
      {proof.isPending && <Loading />}
      {proof.isError && <ErrorAlert error={proof.error} onRetry={() => void proof.refetch()} />}
      {proof.data && <TrustedKey origin={origin} served={proof.data.logVkey} trusted={key} onChange={(k) => setTrusted({ origin, key: k })} />}
      {verdict && 'signature' in verdict && (
        <p className="alert alert-error" role="alert" data-testid="trail-verdict" data-verified="false">{t('audit.trail.badSignature', { problem: verdict.signature })}</p>
      )}
      {verdict && 'steps' in verdict && (
        <>
          <p className={verdict.ok ? 'alert alert-success' : 'alert alert-error'} role="status" data-testid="trail-verdict" data-verified={verdict.ok}>
            {verdict.ok
              ? t('audit.trail.allVerified', { n: verdict.steps.length, size: formatCount(verdict.size), root: verdict.rootHex.slice(0, 16) })
              : t('audit.trail.someFailed', { n: verdict.steps.filter((s) => s.problem).length, of: verdict.steps.length })}
          </p>
          <ol className="trail-steps">
            {verdict.steps.map((s, i) => <TrailStep key={`${s.step}-${s.subject ?? ''}-${s.index ?? i}`} s={s} size={verdict.size} root={verdict.rootHex} />)}
          </ol>
        </>
      )}
    </div>
  );
}

function TrailStep({ s, size, root }: { s: StepCheck; size: number; root: string }) {
  const { t } = useTranslation();
  const name = t(`audit.trail.step.${s.step}`, { subject: s.subject ?? '' });
  return (
    <li className={s.problem ? 'trail-step trail-failed' : 'trail-step trail-ok'} data-testid="trail-step" data-step={s.step} data-verified={s.problem === undefined}>
      <strong>{name}</strong>
      {s.index !== undefined && <> · <span className="mono">{t('audit.trail.entry', { index: s.index })}</span></>}
      {s.actor !== undefined && s.ts !== undefined && <> · <small>{t('ceremonies.doneBy', { by: s.actor, at: new Date(s.ts).toLocaleString() })}</small></>}
      <br />
      <span className="trail-result">{s.problem ? `✗ ${problemText(t, s.problem)}` : `✓ ${t('audit.trail.verified', { size: formatCount(size), root: root.slice(0, 16) })}`}</span>
    </li>
  );
}

function problemText(t: (key: string, opts?: Record<string, unknown>) => string, p: StepProblem): string {
  if (p.type === 'content_mismatch') return t('audit.trail.problem.content_mismatch', { what: p.what === 'who' ? t('audit.trail.who') : p.what });
  return t(`audit.trail.problem.${p.type}`);
}
