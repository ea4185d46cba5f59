import type { Interval } from './bootstrap';
import { differenceInterval } from './proportions';
import { LOW_CSAT_MAX, type ReportRow } from './report-row';

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

function count(byWeek: Map<number, Tally>, week: number, low: number) {
  const tally = byWeek.get(week);
  if (tally) {
    tally.n++;
    tally.low += low;
  } else byWeek.set(week, { n: 1, low });
}

/** Reasons ranked by how much more often low CSAT comes with them; groups below k are left out. */
export function rankReasons(
  rows: readonly ReportRow[],
  joined: Int32Array,
  week: Int32Array,
  minGroupSize: number,
): ReasonRow[] {
  const weekTotals = new Map<number, Tally>();
  const tagged = new Map<string, Map<number, Tally>>();
  for (const i of joined) {
    const row = rows[i]!;
    const low = row.csat! <= LOW_CSAT_MAX ? 1 : 0;
    const w = week[i]!;
    count(weekTotals, w, low);
    row.reasons.forEach((reason, at) => {
      if (row.reasons.indexOf(reason) !== at) return;
      let byWeek = tagged.get(reason);
      if (!byWeek) tagged.set(reason, (byWeek = new Map()));
      count(byWeek, w, low);
    });
  }
  return rankReasonTallies(weekTotals, tagged, minGroupSize);
}

/**
 * The ranking from counts per team-week (also counted in SQL, issue #7): `weekTotals` over the
 * joined interactions, `tagged` per reason and week.
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
