import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, kindLabel, stateLabel } from '../../lib/labels';
import { useWidth } from '../../lib/use-width';
import { stateColour } from '../../lib/unit-states';
import type { CountMatrix } from './unit-counts';

const MAX_WIDTH = 900;
const BAR_H = 34;
const GAP = 14;

/** Stacked horizontal bars: one bar per kind, one segment per state, drawn as plain SVG. */
export function UnitChart({ matrix }: { matrix: CountMatrix }) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  // Drawn at the size it is shown, so its text stays readable on a phone.
  const { ref, width: measured } = useWidth<HTMLElement>(720);
  const width = Math.min(Math.max(measured - 24, 280), MAX_WIDTH);
  const labelW = Math.min(150, Math.max(118, Math.round(width * 0.3)));
  const totalW = 64;
  const max = Math.max(1, ...matrix.kinds.map((k) => matrix.kindTotal(k)));
  const barSpace = width - labelW - totalW;
  const height = matrix.kinds.length * (BAR_H + GAP) + GAP;
  const summary = matrix.kinds.map((k) => `${kindLabel(t, k)}: ${formatCount(matrix.kindTotal(k))}`).join('; ');

  return (
    <figure className="chart" aria-labelledby={titleId} ref={ref}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={titleId}>{t('dashboard.chartTitle')}</title>
        <desc id={descId}>{summary}</desc>
        {matrix.kinds.map((kind, row) => {
          const y = GAP + row * (BAR_H + GAP);
          let x = labelW;
          return (
            <g key={kind} data-kind={kind}>
              <text x={labelW - 10} y={y + BAR_H / 2} textAnchor="end" dominantBaseline="central" className="chart-label">
                {kindLabel(t, kind)}
              </text>
              <rect x={labelW} y={y} width={barSpace} height={BAR_H} className="chart-track" />
              {matrix.states.map((state, i) => {
                const count = matrix.get(kind, state);
                if (count === 0) return null;
                // At least 2 px, so a handful of rejected units among thousands still shows.
                const w = Math.max(2, (count / max) * barSpace);
                const rect = (
                  <rect
                    key={state}
                    x={x}
                    y={y}
                    width={w}
                    height={BAR_H}
                    fill={stateColour(i)}
                    className="chart-segment"
                    data-state={state}
                    data-count={count}
                  >
                    <title>{`${kindLabel(t, kind)} · ${stateLabel(t, state)}: ${formatCount(count)}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={x + 8} y={y + BAR_H / 2} dominantBaseline="central" className="chart-total">
                {formatCount(matrix.kindTotal(kind))}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend" aria-label={t('dashboard.legend')}>
          {matrix.states.map((state, i) => (
            <li key={state}>
              <span className="swatch" style={{ background: stateColour(i) }} aria-hidden="true" />
              {stateLabel(t, state)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
