import type { FlcProgress } from '@evmtrail/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format';

const KIND_COLOURS: Readonly<Record<string, string>> = { BU: '#1f6feb', CU: '#8250df', VVPAT: '#bf8700', SLU: '#57606a' };
const BAR = 28;
const GAP = 14;
const HEIGHT = 160;

/** Units checked per day, one bar per day stacked by kind (plain SVG; the table below says the same in words). */
export function FlcDayChart({ perDay }: { perDay: FlcProgress['perDay'] }) {
  const { t } = useTranslation();
  const days = [...new Set(perDay.map((r) => r.day))];
  const kinds = [...new Set(perDay.map((r) => r.kind))];
  const totals = days.map((d) => perDay.filter((r) => r.day === d).reduce((n, r) => n + r.passed + r.failed, 0));
  const max = Math.max(1, ...totals);
  const width = Math.max(200, days.length * (BAR + GAP) + GAP);
  if (days.length === 0) return <p className="status-empty">{t('flc.progress.none')}</p>;
  return (
    <figure className="flc-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT + 34}`} width="100%" role="img" aria-label={t('flc.progress.chartLabel')} preserveAspectRatio="xMinYMin meet" style={{ maxWidth: `${width * 1.6}px` }}>
        {days.map((day, i) => {
          let y = HEIGHT;
          const x = GAP + i * (BAR + GAP);
          return (
            <g key={day}>
              {kinds.map((kind) => {
                const row = perDay.find((r) => r.day === day && r.kind === kind);
                const n = row ? row.passed + row.failed : 0;
                const h = (n / max) * (HEIGHT - 16);
                y -= h;
                return n > 0 ? <rect key={kind} x={x} y={y} width={BAR} height={h} fill={KIND_COLOURS[kind] ?? '#57606a'}><title>{`${day} ${kind}: ${n}`}</title></rect> : null;
              })}
              <text x={x + BAR / 2} y={y - 4} textAnchor="middle" fontSize="11">{formatCount(totals[i] ?? 0)}</text>
              <text x={x + BAR / 2} y={HEIGHT + 14} textAnchor="middle" fontSize="10">{day.slice(5)}</text>
            </g>
          );
        })}
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} stroke="currentColor" strokeWidth={1} />
      </svg>
      <figcaption className="flc-legend">
        {kinds.map((k) => (
          <span key={k}><span style={{ display: 'inline-block', width: 12, height: 12, marginInline: '0.75rem 0.25rem', background: KIND_COLOURS[k] ?? '#57606a' }} aria-hidden="true" /> {k}</span>
        ))}
      </figcaption>
    </figure>
  );
}
