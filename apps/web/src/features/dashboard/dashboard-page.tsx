import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DistrictPicker } from '../../components/district-picker';
import { Empty, ErrorAlert, Loading } from '../../components/status';
import { formatCount, jurisdictionLabel, kindLabel, stateLabel } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { stateColour } from '../../lib/unit-states';
import { UnitChart } from './unit-chart';
import { toCountMatrix, type CountMatrix } from './unit-counts';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
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
      <CountTable matrix={matrix} />
    </>
  );
}

function CountTable({ matrix }: { matrix: CountMatrix }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="data-table numeric-table">
        <caption>{t('dashboard.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('units.col.state')}</th>
            {matrix.kinds.map((k) => (
              <th scope="col" key={k}>
                {kindLabel(t, k)}
              </th>
            ))}
            <th scope="col">{t('common.total')}</th>
          </tr>
        </thead>
        <tbody>
          {matrix.states.map((state, i) => (
            <tr key={state}>
              <th scope="row">
                <span className="swatch" style={{ background: stateColour(i) }} aria-hidden="true" />
                {stateLabel(t, state)}
              </th>
              {matrix.kinds.map((k) => (
                <td key={k}>{formatCount(matrix.get(k, state))}</td>
              ))}
              <td>{formatCount(matrix.stateTotal(state))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('common.total')}</th>
            {matrix.kinds.map((k) => (
              <td key={k}>{formatCount(matrix.kindTotal(k))}</td>
            ))}
            <td>{formatCount(matrix.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
