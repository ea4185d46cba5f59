import { median } from './distribution';
import { LOW_CSAT_MAX, type ReportRow } from './report-row';
import type { KeptRows } from './suppression';

// The figures shown per week and per agent, from the rows the cell rule kept (suppression.ts):
// each figure covers whole agent-week cells of at least k values, so it shows n ≥ k or nothing.
// Times are medians: no total of time away is published, which keeps the app ranking's left-out
// weeks out of reach of subtraction (rank-apps.ts).

export type GroupFigures = {
  /** Interactions counted for time and switches. */
  n: number;
  medianHandleMs: number | null;
  medianAwayMs: number | null;
  meanSwitches: number | null;
  effort: { n: number; mean: number | null };
  csat: { n: number; mean: number | null; lowShare: number | null };
};

type Accumulator = {
  handle: number[];
  away: number[];
  switches: number;
  effortN: number;
  effortSum: number;
  csatN: number;
  csatSum: number;
  csatLow: number;
};

const emptyAccumulator = (): Accumulator => ({
  handle: [],
  away: [],
  switches: 0,
  effortN: 0,
  effortSum: 0,
  csatN: 0,
  csatSum: 0,
  csatLow: 0,
});

function figuresOf(acc: Accumulator): GroupFigures {
  const n = acc.handle.length;
  return {
    n,
    medianHandleMs: median(acc.handle),
    medianAwayMs: median(acc.away),
    meanSwitches: n > 0 ? acc.switches / n : null,
    effort: { n: acc.effortN, mean: acc.effortN > 0 ? acc.effortSum / acc.effortN : null },
    csat: {
      n: acc.csatN,
      mean: acc.csatN > 0 ? acc.csatSum / acc.csatN : null,
      lowShare: acc.csatN > 0 ? acc.csatLow / acc.csatN : null,
    },
  };
}

/**
 * Figures per group; `groupOf(i)` names row i's group, or null to leave the row out. Groups in
 * `always` appear even when empty.
 */
export function groupFigures<K>(
  rows: readonly ReportRow[],
  kept: KeptRows,
  groupOf: (i: number) => K | null,
  always: readonly K[] = [],
): Map<K, GroupFigures> {
  const groups = new Map<K, Accumulator>(always.map((key) => [key, emptyAccumulator()]));
  const accumulatorOf = (i: number) => {
    const key = groupOf(i);
    if (key === null) return undefined;
    let acc = groups.get(key);
    if (!acc) groups.set(key, (acc = emptyAccumulator()));
    return acc;
  };
  for (const i of kept.work) {
    const acc = accumulatorOf(i);
    if (!acc) continue;
    const row = rows[i]!;
    acc.handle.push(row.handleMs);
    acc.away.push(row.awayMs);
    acc.switches += row.switchCount;
  }
  for (const i of kept.effort) {
    const acc = accumulatorOf(i);
    if (!acc) continue;
    acc.effortN++;
    acc.effortSum += rows[i]!.effortScore!;
  }
  for (const i of kept.csat) {
    const acc = accumulatorOf(i);
    if (!acc) continue;
    const csat = rows[i]!.csat!;
    acc.csatN++;
    acc.csatSum += csat;
    if (csat <= LOW_CSAT_MAX) acc.csatLow++;
  }
  return new Map([...groups].map(([key, acc]) => [key, figuresOf(acc)]));
}
