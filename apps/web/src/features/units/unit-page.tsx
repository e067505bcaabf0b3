import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { PdfLinks, unitPdfHref } from '../../components/pdf-links';
import { ErrorAlert, Loading } from '../../components/status';
import { holdLabel, kindLabel, locationKindLabel, stateLabel } from '../../lib/labels';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { RecordEventForm } from './record-event-form';
import { Timeline } from './timeline';
import { VerifyBanner } from './verify-banner';
import { verifyTimeline } from './verify-timeline';

type UnitDetail = RouterOutputs['unit']['bySerial'];

export function UnitPage({ serial }: { serial: string }) {
  const { t } = useTranslation();
  usePageTitle(serial);
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
        <Fact label={t('units.col.kind')}>{kindLabel(t, u.kind)}</Fact>
        <Fact label={t('units.col.maker')}>{u.maker}</Fact>
        <Fact label={t('units.col.model')}>{u.model}</Fact>
        <Fact label={t('units.col.year')}>{String(u.year)}</Fact>
        <Fact label={t('units.col.state')}>{stateLabel(t, u.state)}</Fact>
        <Fact label={t('units.col.hold')}>{holdLabel(t, u.hold)}</Fact>
        <Fact wide label={t('units.col.location')}>
          <Link to="/locations/$districtId/$locationId" params={{ districtId: u.districtId, locationId: u.location.id }}>
            {`${u.location.code} · ${u.location.name} (${locationKindLabel(t, u.location.kind)})`}
          </Link>
        </Fact>
      </dl>
      <PdfLinks label={t('pdf.unitRegister')} href={(lang) => unitPdfHref(u.serial, lang)} />
      <VerifyBanner verdict={verdict} entries={data.timeline} />
      <RecordEventForm unit={u} />
      <h2>{t('unit.timeline')}</h2>
      <p className="hint">{t('unit.timelineHint')}</p>
      <Timeline entries={data.timeline} badIndex={badIndex} />
    </>
  );
}

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'fact-wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
