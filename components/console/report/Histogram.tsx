import { formatNumber, t } from '@/lib/i18n';
import { nText } from './report-format';
import { ChartSvg } from './ChartSvg';
import { ShowData } from './ShowData';

export type HistogramBar = {
  /** Under the bar: short (the bin's lower edge). */
  tick: string;
  /** In the table and the description: the whole range. */
  label: string;
  count: number;
};

const WIDTH = 360;
const HEIGHT = 160;
const PAD = { top: 16, right: 8, bottom: 28, left: 8 };

/** One distribution as bars, with its n, a spoken summary and its numbers behind "Show data". */
export function Histogram({
  title,
  n,
  bars,
  median,
}: {
  title: string;
  n: number;
  bars: HistogramBar[];
  /** "median 3 (middle half 2 to 4)", already worded. */
  median: string | null;
}) {
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  const top = bars.reduce<HistogramBar | undefined>(
    (best, bar) => (!best || bar.count > best.count ? bar : best),
    undefined,
  );
  const summary =
    n > 0 && top
      ? t('reportHistogramSummary', title, n, top.label, top.count)
      : t('reportHistogramEmpty', title);
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, bars.length);
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  return (
    <figure className="chart histogram" data-testid="histogram">
      <figcaption>
        <strong>{title}</strong> <span className="report-n">{nText(n)}</span>
        {median && <span className="chart-note"> · {median}</span>}
      </figcaption>
      <ChartSvg title={title} summary={summary} width={WIDTH} height={HEIGHT} className="chart-svg">
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={HEIGHT - PAD.bottom}
          y2={HEIGHT - PAD.bottom}
          className="axis"
        />
        {bars.map((bar, i) => {
          const height = (bar.count / max) * plotHeight;
          const x = PAD.left + i * slot;
          return (
            <g key={bar.label}>
              <rect
                x={x + 2}
                y={HEIGHT - PAD.bottom - height}
                width={Math.max(1, slot - 4)}
                height={height}
                className="bar"
              />
              {bar.count > 0 && (
                <text
                  x={x + slot / 2}
                  y={HEIGHT - PAD.bottom - height - 3}
                  className="bar-value"
                  textAnchor="middle"
                >
                  {formatNumber(bar.count)}
                </text>
              )}
              <text
                x={x + slot / 2}
                y={HEIGHT - PAD.bottom + 12}
                className="tick"
                textAnchor="middle"
              >
                {bar.tick}
              </text>
            </g>
          );
        })}
      </ChartSvg>
      <ShowData
        caption={title}
        columns={[t('reportColRange'), t('reportColInteractions')]}
        rows={bars.map((bar) => [bar.label, formatNumber(bar.count)])}
      />
    </figure>
  );
}
