export { awayTargets } from './away-targets';
import type { ReportColumns } from './report-columns';
import { minGroupSizeOfGroup, type KeptRows } from './suppression';

// Apps ranked by the time away they cause (issue #7). An interaction summary has its time away
// from the record (`awayMs`) and the set of apps used (`appsUsed`, the record's own included) but
// not the time per app, so the time away is attributed as follows:
// - split equally among the apps used other than the record's own app;
// - when no other app was used, the time away was on other pages of the record's own app and is
//   attributed to that app.
// This is an approximation: an interaction that spent 9 minutes in mail and 10 seconds in chat
// gives each about 4.6 minutes. Over many interactions it ranks the apps that come with long
// times away; it does not measure minutes per app.
//
// Differencing: an app's figures are counted per group (one record app in one week,
// suppression.ts) and a group joins an app's row only when at least k interactions from at least
// k people gave the app time away in it. No total of attributed time is published elsewhere
// (time figures are quantiles), so the left-out groups cannot be recovered by subtraction.

export type AppRow = {
  app: string;
  /** Interactions that gave this app time away. */
  n: number;
  /** Time away attributed to the app, summed. */
  awayMs: number;
  /** awayMs / n. */
  meanAwayMs: number;
  /** Share of the time away attributed to the apps shown. */
  share: number;
};

export type AppTally = { n: number; ms: number; people: number };

/** Apps ranked by attributed time away, most first; small app-weeks left out. */
export function rankApps(
  columns: ReportColumns,
  kept: KeptRows,
  /** Set to 1 for each row (by index) whose time away joined some app's row. */
  rowsUsed?: Uint8Array,
): AppRow[] {
  const { groupCount } = kept;
  const tallies = tallyAppGroups(columns, kept);
  const byApp = new Map<string, Map<number, AppTally>>();
  for (const [slot, tally] of tallies) {
    const app = columns.appIds[Math.floor(slot / groupCount)]!;
    let byGroup = byApp.get(app);
    if (!byGroup) byApp.set(app, (byGroup = new Map()));
    byGroup.set(slot % groupCount, tally);
  }
  const sizeOf = (group: number) => minGroupSizeOfGroup(kept, group);
  const ranked = rankAppTallies(byApp, sizeOf);
  if (rowsUsed) {
    const keptSlots = new Set<number>();
    for (const [slot, tally] of tallies) {
      const k = sizeOf(slot % groupCount);
      if (tally.n >= k && tally.people >= k) keptSlots.add(slot);
    }
    const { work, group } = kept;
    const { start, items } = columns.awayApps;
    for (let j = 0; j < work.length; j++) {
      const i = work[j]!;
      if (columns.awayMs[i]! <= 0) continue;
      for (let at = start[i]!; at < start[i + 1]!; at++) {
        if (keptSlots.has(items[at]! * groupCount + group[i]!)) rowsUsed[i] = 1;
      }
    }
  }
  return ranked;
}

/**
 * Each app's tally per group, keyed by app · groupCount + group, in order of the slots' first
 * interaction (the order in which the time sums are added up).
 */
function tallyAppGroups(columns: ReportColumns, kept: KeptRows): Map<number, AppTally> {
  const { groupCount, work, group, cell } = kept;
  const cells = kept.keptIn.length;
  const { start, items } = columns.awayApps;
  // Only the (app, group) and (app, cell) pairs that occur are stored: arrays over every app ×
  // group took memory quadratic in the record apps, and 20,000 one-interaction apps from one
  // credential made every report of the team fail (audit of /v1/reports). A person has one cell
  // per group, so the distinct (app, cell) pairs of a slot are its people. Keys stay below
  // appIds × cells, well within exact integers.
  const tallies = new Map<number, AppTally>();
  const personSeen = new Set<number>();
  const awayMsOf = columns.awayMs;
  for (let j = 0; j < work.length; j++) {
    const i = work[j]!;
    const awayMs = awayMsOf[i]!;
    if (awayMs <= 0) continue;
    const share = awayMs / (start[i + 1]! - start[i]!);
    for (let at = start[i]!; at < start[i + 1]!; at++) {
      const slot = items[at]! * groupCount + group[i]!;
      let tally = tallies.get(slot);
      if (!tally) tallies.set(slot, (tally = { n: 0, ms: 0, people: 0 }));
      tally.n++;
      tally.ms += share;
      const mark = items[at]! * cells + cell[i]!;
      if (!personSeen.has(mark)) {
        personSeen.add(mark);
        tally.people++;
      }
    }
  }
  return tallies;
}

/** The ranking from attributed time away per app and group (suppression.ts). */
export function rankAppTallies(
  byApp: ReadonlyMap<string, ReadonlyMap<number, AppTally>>,
  /** The minimum group size of a group. */
  minGroupSizeOf: (group: number) => number,
): AppRow[] {
  const shown: Omit<AppRow, 'share'>[] = [];
  for (const [app, byGroup] of byApp) {
    let n = 0;
    let awayMs = 0;
    // In group order: float sums then do not depend on the order rows came in.
    for (const group of [...byGroup.keys()].sort((a, b) => a - b)) {
      const tally = byGroup.get(group)!;
      const k = minGroupSizeOf(group);
      if (tally.n < k || tally.people < k) continue;
      n += tally.n;
      awayMs += tally.ms;
    }
    if (n > 0) shown.push({ app, n, awayMs, meanAwayMs: awayMs / n });
  }
  const total = shown.reduce((sum, row) => sum + row.awayMs, 0);
  return shown
    .map((row) => ({ ...row, share: total > 0 ? row.awayMs / total : 0 }))
    .sort((a, b) => b.awayMs - a.awayMs || a.app.localeCompare(b.app));
}
