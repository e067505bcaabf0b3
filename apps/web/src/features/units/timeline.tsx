import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/status';
import { eventLabel, stateLabel } from '../../lib/labels';
import { formatIst, readLogEntry } from './log-entry';
import type { TimelineEntryInput } from './verify-timeline';

/** The unit's custody history, newest first; each entry opens to show its canonical JSON. */
export function Timeline({ entries, badIndex }: { entries: readonly TimelineEntryInput[]; badIndex: number | null }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <Empty>{t('unit.noHistory')}</Empty>;
  const newestFirst = [...entries].sort((a, b) => b.index - a.index);
  return (
    <ol className="timeline" aria-label={t('unit.timeline')}>
      {newestFirst.map((e) => (
        <TimelineItem key={e.index} item={e} bad={e.index === badIndex} />
      ))}
    </ol>
  );
}

function TimelineItem({ item, bad }: { item: TimelineEntryInput; bad: boolean }) {
  const { t, i18n } = useTranslation();
  const v = readLogEntry(item.entry);
  return (
    <li className={bad ? 'timeline-item timeline-bad' : 'timeline-item'} data-leaf-index={item.index}>
      <div className="timeline-head">
        <span className="timeline-type">{v.type}</span>
        {v.event && (
          <span className="timeline-event" title={v.event}>
            {eventLabel(t, v.event)}
          </span>
        )}
        {v.state && <span className="state-pill">{stateLabel(t, v.state)}</span>}
        <time className="timeline-time" dateTime={v.ts ?? undefined}>
          {v.ts ? formatIst(v.ts, i18n.language) : '—'}
        </time>
      </div>
      <dl className="timeline-facts">
        {(v.from ?? v.to) && (
          <div>
            <dt>{t('unit.fromTo')}</dt>
            <dd className="mono">
              {v.from ?? '—'} → {v.to ?? '—'}
            </dd>
          </div>
        )}
        {v.actor && (
          <div>
            <dt>{t('unit.actor')}</dt>
            <dd className="mono">{v.actor}</dd>
          </div>
        )}
        {v.witnesses.length > 0 && (
          <div>
            <dt>{t('unit.witnesses')}</dt>
            <dd className="mono">{v.witnesses.join(', ')}</dd>
          </div>
        )}
        {v.seals.length > 0 && (
          <div>
            <dt>{t('unit.seals')}</dt>
            <dd className="mono">{v.seals.join(', ')}</dd>
          </div>
        )}
        {v.reason && (
          <div>
            <dt>{t('unit.reason')}</dt>
            <dd>{v.reason}</dd>
          </div>
        )}
        <div>
          <dt>{t('unit.leafIndex')}</dt>
          <dd className="mono">{item.index}</dd>
        </div>
      </dl>
      <details className="timeline-json">
        <summary>{t('unit.showJson')}</summary>
        <pre>{item.entry}</pre>
        <p className="mono small">
          {t('unit.leafHash')}: {item.leafHashHex}
        </p>
      </details>
    </li>
  );
}
