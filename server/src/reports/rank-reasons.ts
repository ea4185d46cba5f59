import type { Interval } from './within-agent';
import { differenceInterval } from './proportions';
import type { ReportColumns } from './report-columns';
import { LOW_CSAT_MAX } from './report-row';
import { groupOfCell, minGroupSizeOfGroup, type KeptRows } from './suppression';
import { bucketRows } from './radix-sort';

// Effort reasons ranked by their association with low CSAT (issue #7): for each reason, the share
// of low CSAT among interactions whose effort answer carried it, against those whose answer did
// not, over interactions with both an effort answer and a CSAT.
//
// Differencing: both sides of a comparison are counted per group (one record app in one week,
// suppression.ts) and a group joins a reason's comparison only when both its tagged and untagged
// sides have at least k interactions from at least k people (issue #14). The group then adds
// whole, so two periods' or two apps' figures differ by whole groups of ≥ k on each side, and
// "group total minus untagged" never isolates a small tagged group.

/** One side of a comparison: interactions, low CSATs, their share, and the mean CSAT (1–5). */
export type ShareGroup = { n: number; low: number; share: number; meanCsat: number };

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

const group = ({ n, low, sum }: { n: number; low: number; sum: number }): ShareGroup => ({
  n,
  low,
  share: low / n,
  meanCsat: sum / n,
});

/** Reasons ranked by how much more often low CSAT comes with them; small groups left out. */
export function rankReasons(
  columns: ReportColumns,
  kept: KeptRows,
  /** Set to 1 for each group (suppression.ts) that joined some reason's comparison. */
  groupsUsed: Uint8Array = new Uint8Array(kept.groupCount),
): ReasonRow[] {
  const { cell: cellOf, effortCsat } = kept;
  const cells = kept.keptIn.length;
  const { csat } = columns;
  const { start, items } = columns.reasons;
  const reasonCount = columns.reasonIds.length;
  // Counted per cell (a person's week in an app), so that each side's people can be counted per group.
  const totalN = new Int32Array(cells);
  const totalLow = new Int32Array(cells);
  const totalSum = new Int32Array(cells);
  // The rows of each reason together (`bucketRows`), then each reason's cells tallied in turn
  // in arrays over the cells, cleared after it. Reason ids are free-form: arrays over every
  // reason × cell took memory and time quadratic in what one credential can send, and 20,000
  // interactions in new record apps with 10 new reasons each took 11 s, 30,000 a RangeError
  // (audit of /v1/reports).
  for (let j = 0; j < effortCsat.length; j++) {
    const i = effortCsat[j]!;
    const c = cellOf[i]!;
    totalN[c]!++;
    totalLow[c]! += csat[i]! <= LOW_CSAT_MAX ? 1 : 0;
    totalSum[c]! += csat[i]!;
  }
  const { first: firstRowOf, rows: rowsByReason } = bucketRows(reasonCount, (emit) => {
    for (let j = 0; j < effortCsat.length; j++) {
      const i = effortCsat[j]!;
      for (let at = start[i]!; at < start[i + 1]!; at++) {
        if (isFirstOfRow(items, start[i]!, at)) emit(items[at]!, i);
      }
    }
  });
  const groupTotals = new Map<number, Tally>();
  for (let c = 0; c < cells; c++) {
    if (totalN[c] === 0) continue;
    const g = groupOfCell(kept, c);
    const total = groupTotals.get(g) ?? { n: 0, low: 0, sum: 0, people: 0 };
    groupTotals.set(g, {
      n: total.n + totalN[c]!,
      low: total.low + totalLow[c]!,
      sum: total.sum + totalSum[c]!,
      people: total.people + 1,
    });
  }
  const taggedN = new Int32Array(cells);
  const taggedLow = new Int32Array(cells);
  const taggedSum = new Int32Array(cells);
  const cellsMet = new Int32Array(cells);
  const tagged = new Map<string, Map<number, SideTally>>();
  columns.reasonIds.forEach((reason, r) => {
    if (firstRowOf[r] === firstRowOf[r + 1]) return;
    let count = 0;
    for (let at = firstRowOf[r]!; at < firstRowOf[r + 1]!; at++) {
      const i = rowsByReason[at]!;
      const c = cellOf[i]!;
      if (taggedN[c]!++ === 0) cellsMet[count++] = c;
      taggedLow[c]! += csat[i]! <= LOW_CSAT_MAX ? 1 : 0;
      taggedSum[c]! += csat[i]!;
    }
    const byGroup = new Map<number, SideTally>();
    // In the order of the cells, as the tally over every cell added them up.
    for (const c of cellsMet.subarray(0, count).sort()) {
      const g = groupOfCell(kept, c);
      const tally = byGroup.get(g) ?? { n: 0, low: 0, sum: 0, people: 0, untaggedPeople: 0 };
      byGroup.set(g, {
        n: tally.n + taggedN[c]!,
        low: tally.low + taggedLow[c]!,
        sum: tally.sum + taggedSum[c]!,
        people: tally.people + 1,
        // A person all of whose interactions in the group carry the reason is on the tagged side only.
        untaggedPeople: tally.untaggedPeople + (taggedN[c]! < totalN[c]! ? 1 : 0),
      });
      taggedN[c] = taggedLow[c] = taggedSum[c] = 0;
    }
    // People with interactions in the group but none tagged are on the untagged side.
    for (const [g, tally] of byGroup) {
      tally.untaggedPeople += groupTotals.get(g)!.people - tally.people;
    }
    if (byGroup.size > 0) tagged.set(reason, byGroup);
  });
  const sizeOf = (group: number) => minGroupSizeOfGroup(kept, group);
  return rankReasonTallies(groupTotals, tagged, sizeOf, groupsUsed);
}

/** Whether a row's reason at `at` is its first occurrence in the row's list (from `from`). */
function isFirstOfRow(items: Int32Array, from: number, at: number): boolean {
  for (let before = from; before < at; before++) if (items[before] === items[at]) return false;
  return true;
}

/** A group's tally (one app in one week): interactions, low CSATs, CSAT sum, people. */
export type Tally = { n: number; low: number; sum: number; people: number };
/** A reason's tally in a group, with the people on its untagged side. */
export type SideTally = Tally & { untaggedPeople: number };

/**
 * The ranking from counts per group: `groupTotals` over the joined interactions, `tagged` per
 * reason and group. A group joins a reason's comparison only when both sides have ≥ k
 * interactions from ≥ k people.
 */
export function rankReasonTallies(
  groupTotals: ReadonlyMap<number, Tally>,
  tagged: ReadonlyMap<string, ReadonlyMap<number, SideTally>>,
  /** The minimum group size of a group. */
  minGroupSizeOf: (group: number) => number,
  groupsUsed?: Uint8Array,
): ReasonRow[] {
  const ranked: ReasonRow[] = [];
  for (const [reason, byGroup] of tagged) {
    const withReason = { n: 0, low: 0, sum: 0 };
    const without = { n: 0, low: 0, sum: 0 };
    for (const [g, tally] of byGroup) {
      const total = groupTotals.get(g)!;
      const k = minGroupSizeOf(g);
      if (tally.n < k || total.n - tally.n < k) continue;
      if (tally.people < k || tally.untaggedPeople < k) continue;
      if (groupsUsed) groupsUsed[g] = 1;
      withReason.n += tally.n;
      withReason.low += tally.low;
      withReason.sum += tally.sum;
      without.n += total.n - tally.n;
      without.low += total.low - tally.low;
      without.sum += total.sum - tally.sum;
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
