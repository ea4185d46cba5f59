import type { SortedValues } from './radix-sort';
import type { ReportColumns } from './report-columns';
import { cellOfAttribute } from './row-attributes';
import {
  groupOfCell,
  leftOutOf,
  minGroupSizeOfGroup,
  type KeptRows,
  type LeftOut,
} from './suppression';

// CSAT by band of a measure (issue #14, item 5): the figures behind a sentence a supervisor can
// act on, "interactions with 6 or more switches averaged CSAT 3.6; with 0–2 switches, 4.2".
// Bands are fixed per measure, so teams and periods compare band for band.
//
// Suppression: a band is a part of a group (one record app in one week, suppression.ts), so it
// gets the per-group rule the reasons and apps have. A group joins the bands only when every band
// it has values in holds at least k distinct ratings from at least k people; otherwise the whole
// group stays out. Each band is then a sum of whole band-groups of ≥ k people and ratings, and
// the bands of a group are all in or all out: their total is a kept group, never a remainder that
// a total minus the shown bands could isolate. Each rating counts once (weights as in
// within-agent.ts).

/** Lower edges of the bands; the last is open. Effort is an ease score: low = hard. */
export const BAND_EDGES = {
  switches: [0, 3, 6],
  away: [0, 60_000, 300_000],
  handle: [0, 300_000, 900_000],
  effortFive: [1, 3, 4],
  effortSeven: [1, 4, 5],
} as const;

export type CsatBand = {
  /** The band's values: from ≤ value < to (to null: no upper end). */
  from: number;
  to: number | null;
  /** Distinct CSAT ratings in the band. */
  n: number;
  /** Mean CSAT (1–5) of those ratings; null when the band is empty. */
  meanCsat: number | null;
};

export type CsatBands = { bands: CsatBand[]; leftOut: LeftOut };

/**
 * The bands of one measure's pairs with CSAT: `sorted`'s rows whose attribute gives a CSAT in
 * `yOf` (0: not a pair), each weighing `weightOfRow[row]` (1 when null).
 */
export function csatBands(
  columns: ReportColumns,
  kept: KeptRows,
  sorted: SortedValues,
  yOf: Int32Array,
  weightOfRow: Float64Array | null,
  edges: readonly number[],
  /** The pairs' population (kept rows) and what it could have used. */
  population: Int32Array,
  eligible: Int32Array,
): CsatBands {
  const { values, rows, attributes } = sorted;
  const { groupCount } = kept;
  const bandCount = edges.length;
  const slots = bandCount * groupCount;
  const weight = new Float64Array(slots);
  const csatSum = new Float64Array(slots);
  const ratings = new Int32Array(slots);
  const peopleIn = new Int32Array(slots);
  const personSeen = new Uint8Array(bandCount * kept.keptIn.length);
  const shared: number[] = [];
  let band = 0;
  for (let j = 0; j < values.length; j++) {
    const y = yOf[attributes[j]!]!;
    if (y === 0) continue;
    while (band + 1 < bandCount && values[j]! >= edges[band + 1]!) band++;
    const cell = cellOfAttribute(attributes[j]!);
    const slot = band * groupCount + groupOfCell(kept, cell);
    const w = weightOfRow === null ? 1 : weightOfRow[rows[j]!]!;
    weight[slot]! += w;
    csatSum[slot]! += w * y;
    if (w === 1) ratings[slot]!++;
    else shared.push(kept.rating[rows[j]!]! * slots + slot);
    if (personSeen[band * kept.keptIn.length + cell] === 0) {
      personSeen[band * kept.keptIn.length + cell] = 1;
      peopleIn[slot]!++;
    }
  }
  // A person has one cell per group: distinct (band, cell) marks are distinct people per slot.
  shared.sort((a, b) => a - b);
  for (let j = 0; j < shared.length; j++) {
    if (j === 0 || shared[j] !== shared[j - 1]) ratings[shared[j]! % slots]!++;
  }
  const joined = new Uint8Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    const k = minGroupSizeOfGroup(kept, g);
    let ok = false;
    for (let b = 0; b < bandCount; b++) {
      const slot = b * groupCount + g;
      if (ratings[slot] === 0) continue;
      ok = ratings[slot]! >= k && peopleIn[slot]! >= k;
      if (!ok) break;
    }
    joined[g] = ok ? 1 : 0;
  }
  const bands = edges.map((from, b): CsatBand => {
    let n = 0;
    let w8 = 0;
    let sum = 0;
    for (let g = 0; g < groupCount; g++) {
      if (!joined[g]) continue;
      const slot = b * groupCount + g;
      n += ratings[slot]!;
      w8 += weight[slot]!;
      sum += csatSum[slot]!;
    }
    return { from, to: edges[b + 1] ?? null, n, meanCsat: w8 > 0 ? sum / w8 : null };
  });
  // The rows the bands use: the population's rows in joined groups, counted in row order.
  const used = new Int32Array(population.length);
  let usedCount = 0;
  for (let j = 0; j < population.length; j++) {
    const i = population[j]!;
    used[usedCount] = i;
    usedCount += joined[kept.group[i]!]!;
  }
  return {
    bands,
    leftOut: leftOutOf(columns, kept, eligible, used.subarray(0, usedCount), true),
  };
}
