import { useTranslation } from 'react-i18next';
import { Link, unitPath } from '../../app/router';
import { Empty, Loading } from '../../components/status';
import { formatCount, holdLabel, kindLabel, stateLabel } from '../../lib/labels';
import type { RouterOutputs } from '../../lib/trpc';

type UnitRow = RouterOutputs['unit']['list']['items'][number];

interface UnitsTableProps {
  items: readonly UnitRow[];
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

export function UnitsTable({ items, loading, hasMore, loadingMore, onLoadMore }: UnitsTableProps) {
  const { t } = useTranslation();
  if (loading) return <Loading />;
  if (items.length === 0) return <Empty>{t('units.noMatches')}</Empty>;
  return (
    <>
      <div className="table-wrap">
        <table className="data-table" aria-label={t('units.tableLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('units.col.serial')}</th>
              <th scope="col">{t('units.col.kind')}</th>
              <th scope="col" className="hide-narrow">{t('units.col.maker')}</th>
              <th scope="col" className="hide-narrow">{t('units.col.model')}</th>
              <th scope="col" className="hide-narrow">{t('units.col.year')}</th>
              <th scope="col">{t('units.col.state')}</th>
              <th scope="col">{t('units.col.hold')}</th>
              <th scope="col">{t('units.col.location')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.serial}>
                <td>
                  <Link to={unitPath(u.serial)} className="mono">
                    {u.serial}
                  </Link>
                </td>
                <td>{kindLabel(t, u.kind)}</td>
                <td className="hide-narrow">{u.maker}</td>
                <td className="hide-narrow">{u.model}</td>
                <td className="hide-narrow">{u.year}</td>
                <td>
                  <span className="state-pill">{stateLabel(t, u.state)}</span>
                </td>
                <td>{u.hold === 'none' ? '—' : <span className="hold-pill">{holdLabel(t, u.hold)}</span>}</td>
                <td>
                  <span className="mono">{u.locationCode}</span> <span className="hide-narrow">{u.locationName}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-foot">
        <span>{t('units.showing', { count: items.length, n: formatCount(items.length) })}</span>
        {hasMore && (
          <button type="button" onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? t('common.loading') : t('units.loadMore')}
          </button>
        )}
      </div>
    </>
  );
}
