import type { Interval } from './bootstrap';
import { differenceInterval } from './proportions';
import type { ReportColumns } from './report-columns';
import { LOW_CSAT_MAX } from './report-row';
import type { KeptRows } from './suppression';

// Effort reasons ranked by their association with low CSAT (issue #7): for each reason, the share
// of low CSAT among interactions whose effort answer carried it, against those whose answer did
// not, over interactions with both an effort answer and a CSAT.
//
// Differencing: both sides of a comparison are counted per team-week and a week joins a reason's
// comparison only when both its tagged and untagged sides have at least k interactions. The week
// then adds the whole kept team-week, so two periods' figures differ by whole weeks of ≥ k on
// each side, and "team-week total minus untagged" never isolates a small tagged group.

export type ShareGroup = { n: number; low: number; share: number };

export type ReasonRow = {
  reason: string;
  tagged: ShareGroup;
  untagged: ShareGroup;
  /** tagged.share − untagged.share, in shares (0.12 = 12 percentage points). */
  difference: number;
  ci: Interval;
  /** "higher": low CSAT is more frequent with the reason; "unclear" when the CI contains 0. */
  association: 'higher' | 'lower' | 'unclear';
};

export type Tally = { n: number; low: number };
const group = ({ n, low }: Tally): ShareGroup => ({ n, low, share: low / n });

/** Reasons ranked by how much more often low CSAT comes with them; groups below k are left out. */
export function rankReasons(
  columns: ReportColumns,
  kept: KeptRows,
  minGroupSize: number,
): ReasonRow[] {
  const { weekCount, weekOffset } = kept;
  const { start, items } = columns.reasons;
  const totalN = new Int32Array(weekCount);
  const totalLow = new Int32Array(weekCount);
  // Reason r's tally in week offset w is at r · weekCount + w.
  const taggedN = new Int32Array(columns.reasonIds.length * weekCount);
  const taggedLow = new Int32Array(taggedN.length);
  const { effortCsat } = kept;
  const { csat } = columns;
  for (let j = 0; j < effortCsat.length; j++) {
    const i = effortCsat[j]!;
    const low = csat[i]! <= LOW_CSAT_MAX ? 1 : 0;
    const w = weekOffset[i]!;
    totalN[w]!++;
    totalLow[w]! += low;
    reasons: for (let at = start[i]!; at < start[i + 1]!; at++) {
      for (let before = start[i]!; before < at; before++) {
        if (items[before] === items[at]) continue reasons;
      }
      const slot = items[at]! * weekCount + w;
      taggedN[slot]!++;
      taggedLow[slot]! += low;
    }
  }
  const weekTotals = new Map<number, Tally>();
  for (let w = 0; w < weekCount; w++) {
    if (totalN[w]! > 0) weekTotals.set(w, { n: totalN[w]!, low: totalLow[w]! });
  }
  const tagged = new Map<string, Map<number, Tally>>();
  columns.reasonIds.forEach((reason, r) => {
    const byWeek = new Map<number, Tally>();
    for (let w = 0, slot = r * weekCount; w < weekCount; w++, slot++) {
      if (taggedN[slot]! > 0) byWeek.set(w, { n: taggedN[slot]!, low: taggedLow[slot]! });
    }
    if (byWeek.size > 0) tagged.set(reason, byWeek);
  });
  return rankReasonTallies(weekTotals, tagged, minGroupSize);
}

/**
 * The ranking from counts per team-week: `weekTotals` over the joined interactions, `tagged` per
 * reason and week.
 */
export function rankReasonTallies(
  weekTotals: ReadonlyMap<number, Tally>,
  tagged: ReadonlyMap<string, ReadonlyMap<number, Tally>>,
  minGroupSize: number,
): ReasonRow[] {
  const ranked: ReasonRow[] = [];
  for (const [reason, byWeek] of tagged) {
    const withReason = { n: 0, low: 0 };
    const without = { n: 0, low: 0 };
    for (const [w, tally] of byWeek) {
      const total = weekTotals.get(w)!;
      if (tally.n < minGroupSize || total.n - tally.n < minGroupSize) continue;
      withReason.n += tally.n;
      withReason.low += tally.low;
      without.n += total.n - tally.n;
      without.low += total.low - tally.low;
    }
    if (withReason.n === 0) continue;
    const ci = differenceInterval(withReason.low, withReason.n, without.low, without.n);
    ranked.push({
      reason,
      tagged: group(withReason),
      untagged: group(without),
      difference: withReason.low / withReason.n - without.low / without.n,
      ci,
      association: ci.low > 0 ? 'higher' : ci.high < 0 ? 'lower' : 'unclear',
    });
  }
  return ranked.sort((a, b) => b.difference - a.difference || a.reason.localeCompare(b.reason));
}
