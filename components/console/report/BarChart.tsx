import { ChartSvg } from './ChartSvg';

export type Bar = { key: string; label: string; value: number; valueText: string };

const WIDTH = 520;
const ROW_HEIGHT = 22;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 110;

/** Horizontal bars, largest first as given, each with its label and value in words. */
export function BarChart({
  title,
  summary,
  bars,
}: {
  title: string;
  /** Spoken summary of the whole chart. */
  summary: string;
  bars: Bar[];
}) {
  const max = Math.max(Number.MIN_VALUE, ...bars.map((bar) => bar.value));
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(1, bars.length) * ROW_HEIGHT;
  return (
    <ChartSvg
      title={title}
      summary={summary}
      width={WIDTH}
      height={height}
      className="chart-svg bar-chart"
    >
      {bars.map((bar, i) => {
        const y = i * ROW_HEIGHT;
        const width = Math.max(1, (bar.value / max) * span);
        return (
          <g key={bar.key}>
            <text x={LABEL_WIDTH - 6} y={y + 15} textAnchor="end" className="bar-label">
              {bar.label}
            </text>
            <rect x={LABEL_WIDTH} y={y + 4} width={width} height={ROW_HEIGHT - 8} className="bar" />
            <text x={LABEL_WIDTH + width + 6} y={y + 15} className="bar-value">
              {bar.valueText}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
