import { useId, type ReactNode } from 'react';

/**
 * An SVG chart that screen readers announce as one image: its title, then the spoken summary.
 * The numbers themselves are in each chart's data table.
 */
export function ChartSvg({
  title,
  summary,
  width,
  height,
  className,
  children,
}: {
  title: string;
  summary: string;
  width: number;
  height: number;
  className: string;
  children: ReactNode;
}) {
  const titleId = useId();
  const descId = useId();
  return (
    <svg
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      viewBox={`0 0 ${width} ${height}`}
      className={className}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{summary}</desc>
      {children}
    </svg>
  );
}
