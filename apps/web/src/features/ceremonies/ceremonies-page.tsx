import type { CeremonyStage, CeremonySummary } from '@evmtrail/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../components/status';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { mayStartAny } from './ceremony-roles';

/** The district's (or the RO's AC's) randomisation ceremonies, newest first, and a new one. */
export function CeremoniesPage() {
  const { t } = useTranslation();
  const { me, districtId } = useSession();
  const trpc = useTRPC();
  usePageTitle(t('ceremonies.title'));
  const list = useQuery({ ...trpc.ceremony.list.queryOptions({ districtId: districtId ?? 0 }), enabled: districtId !== null });
  return (
    <section>
      <div className="page-head">
        <h1>{t('ceremonies.title')}</h1>
      </div>
      <p className="hint">{t('ceremonies.intro')}</p>
      {districtId !== null && mayStartAny(me.role) && <NewCeremony districtId={districtId} role={me.role} ownAcId={me.jurisdiction.acId ?? null} />}
      {list.isPending && districtId !== null && <Loading />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <p className="status-empty">{t('ceremonies.none')}</p>}
      {list.data && list.data.length > 0 && <CeremonyTable items={list.data} />}
    </section>
  );
}

export function CeremonyTable({ items }: { items: readonly CeremonySummary[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption>{t('ceremonies.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ceremonies.code')}</th>
            <th scope="col">{t('ceremonies.stageLabel')}</th>
            <th scope="col">{t('ceremonies.ac')}</th>
            <th scope="col">{t('ceremonies.statusLabel')}</th>
            <th scope="col">{t('ceremonies.pool')}</th>
            <th scope="col">{t('ceremonies.createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td><Link to="/ceremonies/$ceremonyId" params={{ ceremonyId: c.id }}>{c.code}</Link></td>
              <td>{t(`ceremonies.stage.${c.stage}`)}</td>
              <td>{c.ac ? `${c.ac.number} ${c.ac.name}` : t('ceremonies.wholeDistrict')}</td>
              <td>{t(`ceremonies.status.${c.status}`)}</td>
              <td>{formatCount(c.poolCounts.BU)} BU · {formatCount(c.poolCounts.CU)} CU · {formatCount(c.poolCounts.VVPAT)} VVPAT</td>
              <td>{new Date(c.created.at).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const KINDS = ['BU', 'CU', 'VVPAT'] as const;
type Counts = Record<(typeof KINDS)[number], string>;
const EMPTY: Counts = { BU: '', CU: '', VVPAT: '' };

function numbers(c: Counts): Record<(typeof KINDS)[number], number> | undefined {
  if (KINDS.every((k) => c[k].trim() === '')) return undefined;
  return { BU: Number(c.BU || 0), CU: Number(c.CU || 0), VVPAT: Number(c.VVPAT || 0) };
}

/** Freezes the pool (the server picks the eligible units) and the demand, and publishes P and Q. */
function NewCeremony({ districtId, role, ownAcId }: { districtId: number; role: string; ownAcId: number | null }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const stages: CeremonyStage[] = role === 'deo' ? ['first', 'supplementary'] : ['second', 'supplementary'];
  const [stage, setStage] = useState<CeremonyStage>(stages[0] ?? 'first');
  const [acId, setAcId] = useState(ownAcId !== null ? String(ownAcId) : '');
  const [reserve, setReserve] = useState<Counts>(EMPTY);
  const [training, setTraining] = useState<Counts>(EMPTY);
  const [extra, setExtra] = useState<Counts>(EMPTY);
  const [candidates, setCandidates] = useState('');
  const [drawAcs, setDrawAcs] = useState<number[]>([]);
  const tree = useQuery(trpc.location.tree.queryOptions({ districtId }));
  const create = useMutation(trpc.ceremony.create.mutationOptions({
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: trpc.ceremony.list.pathKey() });
      void navigate({ to: '/ceremonies/$ceremonyId', params: { ceremonyId: c.id } });
    },
  }));
  const needsAc = role === 'ro';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const reservePct = numbers(reserve);
    const trainingN = numbers(training);
    const extraN = numbers(extra);
    create.mutate({
      districtId, stage,
      ...(needsAc && acId ? { acId: Number(acId) } : {}),
      ...(reservePct ? { reservePct } : {}),
      ...(stage === 'first' && drawAcs.length > 0 ? { acIds: drawAcs } : {}),
      ...(stage === 'first' && trainingN ? { training: trainingN } : {}),
      ...(stage === 'second' && candidates ? { candidates: Number(candidates) } : {}),
      ...(stage === 'supplementary' && extraN ? { extra: extraN } : {}),
    });
  };
  const countFields = (label: string, value: Counts, set: (c: Counts) => void, name: string) => (
    <fieldset className="kind-counts">
      <legend>{label}</legend>
      {KINDS.map((k) => (
        <label key={k} className="field">
          <span>{k}</span>
          <input type="number" min={0} inputMode="numeric" name={`${name}-${k}`} value={value[k]} onChange={(e) => set({ ...value, [k]: e.target.value })} />
        </label>
      ))}
    </fieldset>
  );
  return (
    <form className="panel" onSubmit={submit} aria-label={t('ceremonies.new')}>
      <h2>{t('ceremonies.new')}</h2>
      <label className="field">
        <span>{t('ceremonies.stageLabel')}</span>
        <select value={stage} onChange={(e) => setStage(e.target.value as CeremonyStage)}>
          {stages.map((s) => <option key={s} value={s}>{t(`ceremonies.stage.${s}`)}</option>)}
        </select>
      </label>
      {needsAc && (
        <label className="field">
          <span>{t('ceremonies.ac')}</span>
          <select value={acId} onChange={(e) => setAcId(e.target.value)}>
            <option value="">{t('ceremonies.chooseAc')}</option>
            {(tree.data?.acs ?? []).map((a) => <option key={a.id} value={a.id}>{a.number} {a.name}</option>)}
          </select>
        </label>
      )}
      {stage === 'first' && (
        <fieldset className="ac-choice">
          <legend>{t('ceremonies.drawAcs')}</legend>
          {(tree.data?.acs ?? []).map((a) => (
            <label key={a.id} className="check">
              <input type="checkbox" checked={drawAcs.includes(a.id)}
                onChange={(e) => setDrawAcs(e.target.checked ? [...drawAcs, a.id] : drawAcs.filter((x) => x !== a.id))} />
              {a.number} {a.name}
            </label>
          ))}
        </fieldset>
      )}
      {stage !== 'supplementary' && countFields(t('ceremonies.reservePct'), reserve, setReserve, 'reserve')}
      {stage === 'first' && countFields(t('ceremonies.training'), training, setTraining, 'training')}
      {stage === 'second' && (
        <label className="field">
          <span>{t('ceremonies.candidates')}</span>
          <input type="number" min={1} inputMode="numeric" value={candidates} onChange={(e) => setCandidates(e.target.value)} />
        </label>
      )}
      {stage === 'supplementary' && countFields(t('ceremonies.extra'), extra, setExtra, 'extra')}
      <p className="hint">{t('ceremonies.freezeHint')}</p>
      {create.isError && <ErrorAlert error={create.error} />}
      <button type="submit" className="button-primary" disabled={create.isPending}>{t('ceremonies.freeze')}</button>
    </form>
  );
}
