import type { ReactNode } from 'react';

export type IntervalRow = {
  key: string;
  label: string;
  /** null: nothing to plot (not enough data, no variation). */
  estimate: number | null;
  interval: { low: number; high: number } | null;
  /** The row's figures in words, its accessible name beside the label. */
  valueText: string;
  /** Beside the plot: the reading, or the row's figures. */
  aside: ReactNode;
};

const WIDTH = 240;
const ROW_HEIGHT = 28;
const PAD_X = 10;

/**
 * A forest plot (issue #7): one row per estimate with its interval as whiskers, a zero line
 * through every row, and each row's text beside it. Every row's plot is an image named by its
 * figures, so a screen reader hears label, figures and reading in order.
 */
export function IntervalChart({
  caption,
  rows,
  domain,
  ticks,
  formatTick,
  testId,
}: {
  caption: ReactNode;
  rows: IntervalRow[];
  domain: [number, number];
  ticks: number[];
  formatTick: (value: number) => string;
  testId?: string;
}) {
  const [min, max] = domain;
  const x = (value: number) =>
    PAD_X + ((Math.min(max, Math.max(min, value)) - min) / (max - min)) * (WIDTH - 2 * PAD_X);
  const mid = ROW_HEIGHT / 2;
  return (
    <figure className="chart interval-chart" data-testid={testId}>
      <figcaption>{caption}</figcaption>
      <div className="interval-grid">
        {rows.map((row) => (
          <div className="interval-row" key={row.key} data-testid={`interval-${row.key}`}>
            <span className="interval-label">{row.label}</span>
            <svg
              role="img"
              aria-label={`${row.label}: ${row.valueText}`}
              viewBox={`0 0 ${WIDTH} ${ROW_HEIGHT}`}
              className="interval-svg"
            >
              <line x1={x(0)} x2={x(0)} y1={0} y2={ROW_HEIGHT} className="zero-line" />
              {row.interval && (
                <>
                  <line
                    x1={x(row.interval.low)}
                    x2={x(row.interval.high)}
                    y1={mid}
                    y2={mid}
                    className="whisker"
                  />
                  <line
                    x1={x(row.interval.low)}
                    x2={x(row.interval.low)}
                    y1={mid - 5}
                    y2={mid + 5}
                    className="whisker"
                  />
                  <line
                    x1={x(row.interval.high)}
                    x2={x(row.interval.high)}
                    y1={mid - 5}
                    y2={mid + 5}
                    className="whisker"
                  />
                </>
              )}
              {row.estimate !== null && (
                <circle cx={x(row.estimate)} cy={mid} r={4.5} className="estimate" />
              )}
            </svg>
            <span className="interval-aside">{row.aside}</span>
          </div>
        ))}
        <div className="interval-row interval-axis" aria-hidden="true">
          <span />
          <svg viewBox={`0 0 ${WIDTH} 16`} className="interval-svg">
            {ticks.map((tick) => (
              <text key={tick} x={x(tick)} y={12} className="tick" textAnchor="middle">
                {formatTick(tick)}
              </text>
            ))}
          </svg>
          <span />
        </div>
      </div>
    </figure>
  );
}
