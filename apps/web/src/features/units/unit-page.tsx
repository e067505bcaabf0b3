import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { ErrorAlert, Loading } from '../../components/status';
import { holdLabel, kindLabel, locationKindLabel, stateLabel } from '../../lib/labels';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { Timeline } from './timeline';
import { VerifyBanner } from './verify-banner';
import { verifyTimeline } from './verify-timeline';

type UnitDetail = RouterOutputs['unit']['bySerial'];

export function UnitPage({ serial }: { serial: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const unit = useQuery(trpc.unit.bySerial.queryOptions({ serial }));
  return (
    <section aria-labelledby="unit-title">
      <p className="crumbs">
        <Link to="/units">← {t('nav.units')}</Link>
      </p>
      <h1 id="unit-title" className="mono">
        {serial}
      </h1>
      {unit.isPending && <Loading />}
      {unit.isError && <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />}
      {unit.data && <UnitBody data={unit.data} />}
    </section>
  );
}

function UnitBody({ data }: { data: UnitDetail }) {
  const { t } = useTranslation();
  const verdict = useMemo(() => verifyTimeline(data), [data]);
  const badIndex = !verdict.ok && 'index' in verdict.failure ? verdict.failure.index : null;
  const u = data.unit;
  return (
    <>
      <dl className="facts">
        <Fact label={t('units.col.kind')} value={kindLabel(t, u.kind)} />
        <Fact label={t('units.col.maker')} value={u.maker} />
        <Fact label={t('units.col.model')} value={u.model} />
        <Fact label={t('units.col.year')} value={String(u.year)} />
        <Fact label={t('units.col.state')} value={stateLabel(t, u.state)} />
        <Fact label={t('units.col.hold')} value={holdLabel(t, u.hold)} />
        <Fact
          wide
          label={t('units.col.location')}
          value={`${u.location.code} · ${u.location.name} (${locationKindLabel(t, u.location.kind)})`}
        />
      </dl>
      <VerifyBanner verdict={verdict} entries={data.timeline} />
      <h2>{t('unit.timeline')}</h2>
      <p className="hint">{t('unit.timelineHint')}</p>
      <Timeline entries={data.timeline} badIndex={badIndex} />
    </>
  );
}

function Fact({ label, value, wide = false }: { label: string; value: string; wide?: boolean }) {
  return (
    <div className={wide ? 'fact-wide' : undefined}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
