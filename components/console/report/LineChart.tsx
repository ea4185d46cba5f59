import { ChartSvg } from './ChartSvg';

export type LinePoint = { label: string; value: number | null };

const WIDTH = 360;
const HEIGHT = 150;
const PAD = { top: 14, right: 12, bottom: 24, left: 40 };

/** One series over the weeks; weeks without a value break the line. */
export function LineChart({
  title,
  summary,
  points,
  formatValue,
  domain,
}: {
  title: string;
  summary: string;
  points: LinePoint[];
  formatValue: (value: number) => string;
  /** Fixed y range (a rating scale); otherwise 0 to the largest value. */
  domain?: [number, number];
}) {
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const [min, max] = domain ?? [0, Math.max(1, ...values)];
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (points.length > 1 ? (i / (points.length - 1)) * plotWidth : plotWidth / 2);
  const y = (value: number) =>
    PAD.top + plotHeight - ((value - min) / (max - min || 1)) * plotHeight;
  // Runs of consecutive weeks with a value, each drawn as one polyline.
  const runs: { i: number; value: number }[][] = [];
  points.forEach((point, i) => {
    if (point.value === null) return;
    const run = runs.at(-1);
    if (run && run.at(-1)!.i === i - 1) run.push({ i, value: point.value });
    else runs.push([{ i, value: point.value }]);
  });
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  return (
    <ChartSvg
      title={title}
      summary={summary}
      width={WIDTH}
      height={HEIGHT}
      className="chart-svg line-chart"
    >
      {[min, max].map((value) => (
        <g key={value}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} className="grid" />
          <text x={PAD.left - 4} y={y(value) + 4} textAnchor="end" className="tick">
            {formatValue(value)}
          </text>
        </g>
      ))}
      {runs.map((run) => (
        <polyline
          key={run[0]!.i}
          points={run.map(({ i, value }) => `${x(i)},${y(value)}`).join(' ')}
          className="line"
        />
      ))}
      {runs.flat().map(({ i, value }) => (
        <circle key={i} cx={x(i)} cy={y(value)} r={2.5} className="point" />
      ))}
      {points.map((point, i) =>
        // Counted from the last week, so the latest is always labelled and no two labels collide.
        (points.length - 1 - i) % labelEvery === 0 ? (
          <text key={point.label} x={x(i)} y={HEIGHT - 6} textAnchor="middle" className="tick">
            {point.label}
          </text>
        ) : null,
      )}
    </ChartSvg>
  );
}
