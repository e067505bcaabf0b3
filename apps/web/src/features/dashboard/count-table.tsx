import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { UnitsSearch } from '../../app/search';
import { formatCount, kindLabel, stateLabel } from '../../lib/labels';
import { stateColour } from '../../lib/unit-states';
import type { CountMatrix } from './unit-counts';

type Kind = NonNullable<UnitsSearch['kind']>;
type State = NonNullable<UnitsSearch['state']>;

interface CountTableProps {
  readonly matrix: CountMatrix;
  readonly caption: string;
  /** Filters every count's link carries besides its kind and state (e.g. a location). */
  readonly base?: Pick<UnitsSearch, 'locationId' | 'acId'>;
}

/** Units by state and kind; every non-zero count opens the unit list filtered to it. */
export function CountTable({ matrix, caption, base = {} }: CountTableProps) {
  const { t } = useTranslation();
  function cell(n: number, kind: string | undefined, state: string | undefined) {
    if (n === 0) return formatCount(n);
    const label = t('dashboard.openList', {
      n: formatCount(n),
      state: state ? stateLabel(t, state) : t('common.all'),
      kind: kind ? kindLabel(t, kind) : t('common.all'),
    });
    return (
      <Link
        to="/units"
        search={(prev) => ({ district: prev.district, ...base, kind: kind as Kind | undefined, state: state as State | undefined })}
        aria-label={label}
        title={label}
      >
        {formatCount(n)}
      </Link>
    );
  }
  return (
    <div className="table-wrap">
      <table className="data-table numeric-table">
        <caption>{caption}</caption>
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
                <td key={k}>{cell(matrix.get(k, state), k, state)}</td>
              ))}
              <td>{cell(matrix.stateTotal(state), undefined, state)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('common.total')}</th>
            {matrix.kinds.map((k) => (
              <td key={k}>{cell(matrix.kindTotal(k), k, undefined)}</td>
            ))}
            <td>{cell(matrix.total, undefined, undefined)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
