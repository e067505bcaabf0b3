import type { ScanTally } from '@evmtrail/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format';

const COUNTS = ['expected', 'accepted', 'missing', 'orphan', 'rejected'] as const;

/** The task's counters as the server last gave them, and how many scans this device made. */
export function ScanTallyView({ tally, expected, here }: { tally: ScanTally | null; expected?: number; here: number }) {
  const { t } = useTranslation();
  const value = (name: (typeof COUNTS)[number]) => {
    if (tally) return formatCount(tally[name]);
    return name === 'expected' && expected !== undefined ? formatCount(expected) : '—';
  };
  return (
    <dl className="scan-tally" aria-label={t('scan.tally.label')}>
      {COUNTS.map((name) => (
        <div key={name} className={`scan-count scan-count-${name}`}>
          <dt>{t(`scan.tally.${name}`)}</dt>
          <dd>{value(name)}</dd>
        </div>
      ))}
      <div className="scan-count">
        <dt>{t('scan.tally.here')}</dt>
        <dd>{formatCount(here)}</dd>
      </div>
    </dl>
  );
}
