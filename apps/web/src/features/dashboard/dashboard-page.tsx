import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DistrictPicker } from '../../components/district-picker';
import { Empty, ErrorAlert, Loading } from '../../components/status';
import { usePageTitle } from '../../app/page-title';
import { formatCount, jurisdictionLabel } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { LogHealthBanner } from '../log/log-health-banner';
import { CountTable } from './count-table';
import { UnitChart } from './unit-chart';
import { toCountMatrix, type CountMatrix } from './unit-counts';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('dashboard.title'));
  const trpc = useTRPC();
  const { me, districtId } = useSession();
  const input = districtId === null ? {} : { districtId };
  const counts = useQuery(trpc.dashboard.unitCounts.queryOptions(input));

  return (
    <section aria-labelledby="dashboard-title">
      <div className="page-head">
        <h1 id="dashboard-title">{t('dashboard.title')}</h1>
        <p className="page-sub">{jurisdictionLabel(me, i18n.language)}</p>
        <DistrictPicker allowAll />
      </div>
      {districtId !== null && <LogHealthBanner districtId={districtId} />}
      {counts.isPending && <Loading />}
      {counts.isError && <ErrorAlert error={counts.error} onRetry={() => void counts.refetch()} />}
      {counts.data && <DashboardBody matrix={toCountMatrix(counts.data.rows)} total={counts.data.total} />}
    </section>
  );
}

function DashboardBody({ matrix, total }: { matrix: CountMatrix; total: number }) {
  const { t } = useTranslation();
  if (total === 0 && matrix.total === 0) return <Empty>{t('dashboard.empty')}</Empty>;
  return (
    <>
      <p className="big-number">
        <strong>{formatCount(total)}</strong> {t('dashboard.totalUnits')}
      </p>
      <UnitChart matrix={matrix} />
      <CountTable matrix={matrix} caption={t('dashboard.tableCaption')} />
    </>
  );
}
