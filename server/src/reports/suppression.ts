import type { EffortScale } from '../../../contract/prompt-settings';
import type { IdentityMode, Role } from '../../../contract/api';
import { isoWeekIndex } from '../../../contract/iso-week';
import { SCALE_CODE, type ReportColumns } from './report-columns';
import { bucketRows } from './radix-sort';

// Minimum group size in people and in values (PRODUCT.md privacy rule 4; issues #7 and #14),
// built against differencing. docs/admin.md promises: "never show a group with fewer people or
// interactions than this".
//
// Four rules, applied per measure's population (interactions, effort answers, CSAT ratings, pairs
// of both), on fixed atoms:
// 1. Cells: one person's ISO week in one record app (the CRM). A cell with fewer than k values
//    contributes nothing — interactions, effort answers, or distinct CSAT ratings (a rating two
//    interactions of one ticket share counts once, so duplicating a ticket cannot pad a cell).
// 2. Groups: one record app in one week. A group whose kept cells come from fewer than k people
//    contributes nothing. People are counted by the internal agent key; rows without one are one
//    unknown person.
// 3. Nested populations (`keepNestedWhole`): a population inside another whose figures share a
//    measure with it (ratings inside interactions, effort-and-CSAT pairs inside effort answers and
//    inside ratings) is left out of a group when the part of the outer one outside it comes from
//    1 to k − 1 people: the outer figure minus the inner one is that part.
// 4. Agent figures beside the team's (`agentFiguresIn`): people without an id to show (anonymous
//    installs in a team that shows agents, the unknown person) count in a group's figures and
//    have no agent row, so the group minus its agents' rows is theirs. A group whose kept cells
//    of such people come from 1 to k − 1 of them, in any population, shows in no agent figure
//    (agent rows, the agent filter, the agents it offers): its remainder is then the whole group.
// Every figure is then a sum of whole kept groups, each of ≥ k people whose cells each have ≥ k
// values, and agent rows are sums of the same kept cells: team = Σ agents + the people without
// an id, per group none or ≥ k of them, or the whole group; a longer period = Σ its weeks, the
// whole report = Σ its apps' reports (the app filter), and the difference of any two answers is a
// combination of kept cells and kept groups (between two populations, a part of none or ≥ k
// people). Reports cover whole ISO weeks only.
//
// Why per app: with cells of a person's whole week, the report minus one app's report isolated
// the other app's part of a cell (5 Zendesk tickets and 1 Salesforce case: that 1 case, its
// switches and its CSAT), and likewise a week's people. A team on one CRM has one app: its cells
// are person-weeks and its groups team-weeks. Breakdowns inside a group (reasons, apps, CSAT by
// band) add their own rule per group in their modules.

export const DEFAULT_MIN_GROUP_SIZE = 5;

export const POPULATIONS = ['work', 'effort', 'csat', 'effortCsat'] as const;
export type Population = (typeof POPULATIONS)[number];

/** Bits of `KeptRows.keptIn`, one per population. */
export const KEPT = { work: 1, effort: 2, csat: 4, effortCsat: 8 } as const;

/** Row indexes (into the columns) kept for each population, in row order, and each row's cell. */
export type KeptRows = Record<Population, Int32Array> & {
  /** The rows each population could use (in the report's weeks, with the measure), before the rules. */
  eligible: Record<Population, Int32Array>;
  /** The largest minimum group size applied to any week. */
  minGroupSize: number;
  /** The minimum group size of each week (by week offset): see group-size-history.ts. */
  minGroupSizeOfWeek: Int32Array;
  /** Each row's week as an offset from `firstWeek`; -1 outside the report's weeks. */
  weekOffset: Int32Array;
  firstWeek: number;
  weekCount: number;
  /** Record apps among the rows in the report's weeks (at least 1): the groups of each week. */
  appCount: number;
  /**
   * Each row's cell, one person's week in one app: the cells that have rows are numbered in the
   * order of (person, group); -1 outside the report's weeks. `personOfCell`, `weekOfCell`.
   */
  cell: Int32Array;
  /** Per cell, its person and its group: read them with `personOfCell` and `groupOfCell`. */
  cellPerson: Int32Array;
  cellGroup: Int32Array;
  /** Each row's group, one app in one week: weekOffset · appCount + the app's number; -1 outside. */
  group: Int32Array;
  groupCount: number;
  /** Per cell, the `KEPT` bits of the populations in which it is kept; its length is the cells'. */
  keptIn: Uint8Array;
  /**
   * Per group, 1 when agent-level figures may show its cells (rule 4): its kept people without an
   * id to show are none or ≥ k in every population.
   */
  agentFiguresIn: Uint8Array;
  /** People (columns.agentIds.length). */
  people: number;
  /** Each row's CSAT rating (columns.rating, or one per row with a CSAT), −1 without one. */
  rating: Int32Array;
  ratingCount: number;
  /** Whether anything eligible was left out of any population. */
  leftOut: boolean;
};

/** Consecutive ISO week indexes, `first` to `first + count - 1`. */
export type WeekSpan = { first: number; count: number };

/** The weeks from the earliest to the latest row. */
function spanOf(occurredAt: Float64Array): WeekSpan {
  if (occurredAt.length === 0) return { first: 0, count: 0 };
  let earliest = Infinity;
  let latest = -Infinity;
  for (const at of occurredAt) {
    if (at < earliest) earliest = at;
    if (at > latest) latest = at;
  }
  const first = isoWeekIndex(earliest);
  return { first, count: isoWeekIndex(latest) - first + 1 };
}

const { work: WORK, effort: EFFORT, csat: CSAT, effortCsat: EFFORT_CSAT } = KEPT;

/** Rating ids of the columns, or one per row with a CSAT when the columns carry none. */
function ratingsOf(columns: ReportColumns): { rating: Int32Array; count: number } {
  if (columns.rating) {
    let count = 0;
    for (const id of columns.rating) if (id >= count) count = id + 1;
    return { rating: columns.rating, count };
  }
  const rating = new Int32Array(columns.length).fill(-1);
  let count = 0;
  for (let i = 0; i < columns.length; i++) if (columns.csat[i] !== 0) rating[i] = count++;
  return { rating, count };
}

/**
 * Distinct ratings per cell, among rows with `bit`: a rating met once is counted at once; the
 * few met more than once are counted once per cell by sorting (rating, cell).
 */
function ratingsPerCell(
  rows: { rating: Int32Array; cellOf: Int32Array; rowBits: Uint8Array },
  bit: number,
  ratingCount: number,
  cellCount: number,
): Int32Array {
  const { rating, cellOf, rowBits } = rows;
  const seen = new Int32Array(ratingCount);
  for (let i = 0; i < rating.length; i++) if (rowBits[i]! & bit) seen[rating[i]!]!++;
  const counts = new Int32Array(cellCount);
  const shared: number[] = [];
  for (let i = 0; i < rating.length; i++) {
    if (!(rowBits[i]! & bit)) continue;
    if (seen[rating[i]!] === 1) counts[cellOf[i]!]!++;
    else shared.push(rating[i]! * cellCount + cellOf[i]!);
  }
  shared.sort((a, b) => a - b);
  for (let j = 0; j < shared.length; j++) {
    if (j === 0 || shared[j] !== shared[j - 1]) counts[shared[j]! % cellCount]!++;
  }
  return counts;
}

/** The person a cell belongs to (an index into the columns' people). */
export const personOfCell = (kept: KeptRows, cell: number) => kept.cellPerson[cell]!;

/** A cell's group: its week and app. */
export const groupOfCell = (kept: KeptRows, cell: number) => kept.cellGroup[cell]!;

/** A cell's week, as an offset from `firstWeek`. */
export const weekOfCell = (kept: KeptRows, cell: number) =>
  Math.floor(groupOfCell(kept, cell) / kept.appCount);

/**
 * Numbers the cells that have rows in the order of (person, group), and gives each row its cell
 * (-1 for rows without a group). Only cells with rows get a number: a slot for each of people ×
 * groups took memory and time per person for every record app, and one credential that sent
 * 20,000 one-interaction record apps made a team's reports fail (audit of /v1/reports).
 */
function numberCells(agent: Int32Array, groupOf: Int32Array, people: number, groupCount: number) {
  const n = groupOf.length;
  // The rows of each person together, then each person's groups in order.
  const { first: firstRowOf, rows: rowsByPerson } = bucketRows(people, (emit) => {
    for (let i = 0; i < n; i++) if (groupOf[i] !== -1) emit(agent[i]!, i);
  });
  const cellOf = new Int32Array(n).fill(-1);
  const cellPerson: number[] = [];
  const cellGroup: number[] = [];
  const NONE = -1;
  const MET = -2;
  const cellOfGroup = new Int32Array(groupCount).fill(NONE);
  const groupsMet = new Int32Array(groupCount);
  for (let person = 0; person < people; person++) {
    const from = firstRowOf[person]!;
    const to = firstRowOf[person + 1]!;
    let count = 0;
    for (let at = from; at < to; at++) {
      const group = groupOf[rowsByPerson[at]!]!;
      if (cellOfGroup[group] !== NONE) continue;
      cellOfGroup[group] = MET;
      groupsMet[count++] = group;
    }
    const groups = groupsMet.subarray(0, count).sort();
    for (const group of groups) {
      cellOfGroup[group] = cellPerson.length;
      cellPerson.push(person);
      cellGroup.push(group);
    }
    for (let at = from; at < to; at++) {
      const i = rowsByPerson[at]!;
      cellOf[i] = cellOfGroup[groupOf[i]!]!;
    }
    for (const group of groups) cellOfGroup[group] = NONE;
  }
  return { cellOf, cellPerson: Int32Array.from(cellPerson), cellGroup: Int32Array.from(cellGroup) };
}

/** The minimum group size that applies to a group (its week's). */
export const minGroupSizeOfGroup = (kept: KeptRows, group: number) =>
  kept.minGroupSizeOfWeek[Math.floor(group / kept.appCount)]!;

/** One minimum group size per week offset, from one for all weeks or a list of them. */
function sizesPerWeek(minGroupSize: number | readonly number[], weekCount: number): Int32Array {
  const sizes = Int32Array.from({ length: weekCount }, (_, w) =>
    typeof minGroupSize === 'number' ? minGroupSize : minGroupSize[w]!,
  );
  const wrong =
    typeof minGroupSize === 'number'
      ? !Number.isInteger(minGroupSize) || minGroupSize < 1
      : minGroupSize.length !== weekCount ||
        minGroupSize.some((size) => !Number.isInteger(size) || size < 1);
  if (wrong) {
    throw new Error(
      `minGroupSize must be a positive integer, or one per week (${weekCount}), got ${String(minGroupSize)}`,
    );
  }
  return sizes;
}

/**
 * Rule 3, complementary suppression of nested populations: a population inside another whose
 * figures share a measure with it (CSAT ratings inside interactions, effort-and-CSAT pairs inside
 * effort answers and inside CSAT ratings) is left out of a group when the part of the outer one
 * outside it comes from 1 to k − 1 people. The outer figure minus the inner one is that part: an
 * anonymous team's weekly CSAT minus its reasons' (or effort bands') CSAT was the ratings of the
 * one person whose prompts went unanswered, and the switches histogram minus the switch bands
 * the interactions of the one person without k ratings (audit of 2026-12). Leaving out the inner
 * population, never the outer, keeps the weekly and agent figures; a left-out CSAT population
 * takes its pairs with effort with it.
 */
function keepNestedWhole(
  rowBits: Uint8Array,
  cellOf: Int32Array,
  cellBits: Uint8Array,
  cellGroup: Int32Array,
  groupCount: number,
  sizeOfGroup: (group: number) => number,
): void {
  // Per cell, a bit per pair when one of its rows counts in the outer population and not the inner.
  const outside = new Uint8Array(cellBits.length);
  for (let i = 0; i < cellOf.length; i++) {
    const cell = cellOf[i]!;
    if (cell === -1) continue;
    const counted = rowBits[i]! & cellBits[cell]!;
    outside[cell]! |=
      (counted & WORK && !(counted & CSAT) ? 1 : 0) |
      (counted & EFFORT && !(counted & EFFORT_CSAT) ? 2 : 0) |
      (counted & CSAT && !(counted & EFFORT_CSAT) ? 4 : 0);
  }
  // A person has one cell per group: cells marked are people outside.
  const people = [1, 2, 4].map(() => new Int32Array(groupCount));
  for (let cell = 0; cell < cellBits.length; cell++) {
    people.forEach((counts, p) => {
      if (outside[cell]! & (1 << p)) counts[cellGroup[cell]!]!++;
    });
  }
  const few = (counts: Int32Array, group: number) =>
    counts[group]! > 0 && counts[group]! < sizeOfGroup(group);
  const [ratings, pairsOfEffort, pairsOfRatings] = people as [Int32Array, Int32Array, Int32Array];
  for (let cell = 0; cell < cellBits.length; cell++) {
    const group = cellGroup[cell]!;
    if (few(ratings, group)) cellBits[cell]! &= ~(CSAT | EFFORT_CSAT);
    if (few(pairsOfEffort, group) || few(pairsOfRatings, group)) cellBits[cell]! &= ~EFFORT_CSAT;
  }
}

/**
 * Rule 4: the groups whose cells agent-level figures may show. Agent rows are shown beside the
 * week's and the period's figures, which count everyone; people without an id to show count there
 * and in no agent row, so the week minus its agent rows was theirs: in a pseudonymous team whose
 * admin made one member's browser anonymous (or in the week a team switched from anonymous), that
 * one person's week, 8 interactions with 29 switches each (audit of 2026-12). A group is shown in
 * agent figures only when its kept people without an id are none or ≥ k, in every population;
 * else its remainder is the whole group, ≥ k people (rule 2). A person has one cell per group.
 */
function groupsWithAgentFigures(
  columns: ReportColumns,
  cellBits: Uint8Array,
  cellPerson: Int32Array,
  cellGroup: Int32Array,
  { groupCount, sizeOfGroup }: { groupCount: number; sizeOfGroup: (group: number) => number },
): Uint8Array {
  const unnamed = POPULATIONS.map(() => new Int32Array(groupCount));
  for (let cell = 0; cell < cellBits.length; cell++) {
    if (columns.agentIds[cellPerson[cell]!] !== null) continue;
    unnamed.forEach((counts, p) => {
      if (cellBits[cell]! & (1 << p)) counts[cellGroup[cell]!]!++;
    });
  }
  return Uint8Array.from({ length: groupCount }, (_, group) =>
    unnamed.every((counts) => counts[group] === 0 || counts[group]! >= sizeOfGroup(group)) ? 1 : 0,
  );
}

/** Applies the rules to the rows in `weeks` (default: all rows); see the module comment. */
export function keepWeekCells(
  columns: ReportColumns,
  options: {
    /** One for every week, or one per week of `weeks`. */
    minGroupSize: number | readonly number[];
    effortScale: EffortScale;
    weeks?: WeekSpan;
  },
): KeptRows {
  const { effortScale, weeks = spanOf(columns.occurredAt) } = options;
  const minGroupSizeOfWeek = sizesPerWeek(options.minGroupSize, weeks.count);
  const {
    length: n,
    occurredAt,
    agent,
    app,
    effortScore,
    effortScale: effortScales,
    csat,
  } = columns;
  const scale = SCALE_CODE[effortScale];
  const { first, count: weekCount } = weeks;
  const people = columns.agentIds.length;
  const weekOffset = new Int32Array(n);
  const rowBits = new Uint8Array(n);
  // Record apps are numbered as met, so a report of one app (or of one app's rows) has one app.
  const numberOfApp = new Int32Array(columns.appIds.length).fill(-1);
  let appCount = 0;
  for (let i = 0; i < n; i++) {
    const offset = isoWeekIndex(occurredAt[i]!) - first;
    if (offset < 0 || offset >= weekCount) {
      weekOffset[i] = -1;
      continue;
    }
    weekOffset[i] = offset;
    if (numberOfApp[app[i]!] === -1) numberOfApp[app[i]!] = appCount++;
    // Branch-free: whether a row has an answer is a coin flip the processor cannot predict.
    const hasEffort = +(effortScore[i] !== 0 && effortScales[i] === scale);
    const hasCsat = +(csat[i] !== 0);
    rowBits[i] =
      WORK | (hasEffort * EFFORT) | (hasCsat * CSAT) | (hasEffort * hasCsat * EFFORT_CSAT);
  }
  appCount = Math.max(1, appCount);
  const groupCount = weekCount * appCount;
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    groupOf[i] = weekOffset[i] === -1 ? -1 : weekOffset[i]! * appCount + numberOfApp[app[i]!]!;
  }
  const { cellOf, cellPerson, cellGroup } = numberCells(agent, groupOf, people, groupCount);
  const cellCount = cellPerson.length;
  const workCounts = new Int32Array(cellCount);
  const effortCounts = new Int32Array(cellCount);
  for (let i = 0; i < n; i++) {
    if (cellOf[i] === -1) continue;
    workCounts[cellOf[i]!]!++;
    effortCounts[cellOf[i]!]! += (rowBits[i]! & EFFORT) >> 1;
  }
  const { rating, count: ratingCount } = ratingsOf(columns);
  const rowsOf = { rating, cellOf, rowBits };
  const csatCounts = ratingsPerCell(rowsOf, CSAT, ratingCount, cellCount);
  const effortCsatCounts = ratingsPerCell(rowsOf, EFFORT_CSAT, ratingCount, cellCount);
  const cellBits = new Uint8Array(cellCount);
  const sizeOfGroup = (group: number) => minGroupSizeOfWeek[Math.floor(group / appCount)]!;
  const sizeOfCell = (cell: number) => sizeOfGroup(cellGroup[cell]!);
  [workCounts, effortCounts, csatCounts, effortCsatCounts].forEach((cellCounts, p) => {
    for (let cell = 0; cell < cellCount; cell++) {
      if (cellCounts[cell]! >= sizeOfCell(cell)) cellBits[cell]! |= 1 << p;
    }
  });
  // Rule 2: a group's kept cells must come from at least k people, per population. A person has
  // one cell per group, so a group's kept cells are its kept people.
  const keptPeople = POPULATIONS.map(() => new Int32Array(groupCount));
  for (let cell = 0; cell < cellCount; cell++) {
    keptPeople.forEach((counts, p) => {
      if (cellBits[cell]! & (1 << p)) counts[cellGroup[cell]!]!++;
    });
  }
  for (let cell = 0; cell < cellCount; cell++) {
    const group = cellGroup[cell]!;
    keptPeople.forEach((counts, p) => {
      if (counts[group]! < sizeOfGroup(group)) cellBits[cell]! &= ~(1 << p);
    });
  }
  keepNestedWhole(rowBits, cellOf, cellBits, cellGroup, groupCount, sizeOfGroup);
  const agentFiguresIn = groupsWithAgentFigures(columns, cellBits, cellPerson, cellGroup, {
    groupCount,
    sizeOfGroup,
  });
  // One spare slot each: every row is written, and kept by moving past it.
  const lists = POPULATIONS.map(() => ({
    kept: new Int32Array(n + 1),
    eligible: new Int32Array(n + 1),
    nKept: 0,
    nEligible: 0,
  }));
  const [work, effort, csatRows, effortCsat] = lists as [
    (typeof lists)[0],
    (typeof lists)[0],
    (typeof lists)[0],
    (typeof lists)[0],
  ];
  for (let i = 0; i < n; i++) {
    const has = rowBits[i]!;
    if (has === 0) continue;
    const bits = has & cellBits[cellOf[i]!]!;
    work.kept[work.nKept] = i;
    work.nKept += bits & WORK;
    work.eligible[work.nEligible++] = i;
    effort.kept[effort.nKept] = i;
    effort.nKept += (bits & EFFORT) >> 1;
    effort.eligible[effort.nEligible] = i;
    effort.nEligible += (has & EFFORT) >> 1;
    csatRows.kept[csatRows.nKept] = i;
    csatRows.nKept += (bits & CSAT) >> 2;
    csatRows.eligible[csatRows.nEligible] = i;
    csatRows.nEligible += (has & CSAT) >> 2;
    effortCsat.kept[effortCsat.nKept] = i;
    effortCsat.nKept += (bits & EFFORT_CSAT) >> 3;
    effortCsat.eligible[effortCsat.nEligible] = i;
    effortCsat.nEligible += (has & EFFORT_CSAT) >> 3;
  }
  const keptOf = (list: (typeof lists)[0]) => list.kept.subarray(0, list.nKept);
  const eligibleOf = (list: (typeof lists)[0]) => list.eligible.subarray(0, list.nEligible);
  return {
    work: keptOf(work),
    effort: keptOf(effort),
    csat: keptOf(csatRows),
    effortCsat: keptOf(effortCsat),
    eligible: {
      work: eligibleOf(work),
      effort: eligibleOf(effort),
      csat: eligibleOf(csatRows),
      effortCsat: eligibleOf(effortCsat),
    },
    minGroupSize:
      typeof options.minGroupSize === 'number'
        ? options.minGroupSize
        : Math.max(1, ...minGroupSizeOfWeek),
    minGroupSizeOfWeek,
    weekOffset,
    firstWeek: first,
    weekCount,
    appCount,
    cell: cellOf,
    cellPerson,
    cellGroup,
    group: groupOf,
    groupCount,
    keptIn: cellBits,
    agentFiguresIn,
    people,
    rating,
    ratingCount,
    leftOut: lists.some((list) => list.nKept < list.nEligible),
  };
}

/** How many distinct people (by their index) `rows` come from. */
export function countPeople(columns: ReportColumns, rows: ArrayLike<number>): number {
  const seen = new Uint8Array(columns.agentIds.length);
  let count = 0;
  for (let j = 0; j < rows.length; j++) {
    const person = columns.agent[rows[j]!]!;
    if (seen[person] === 0) {
      seen[person] = 1;
      count++;
    }
  }
  return count;
}

/** How many distinct ratings `rows` carry. */
export function countRatings(kept: KeptRows, rows: ArrayLike<number>): number {
  const seen = new Uint8Array(kept.ratingCount);
  let count = 0;
  for (let j = 0; j < rows.length; j++) {
    const rating = kept.rating[rows[j]!]!;
    if (rating >= 0 && seen[rating] === 0) {
      seen[rating] = 1;
      count++;
    }
  }
  return count;
}

/**
 * Each CSAT rating counts once (issue #14): the weight of each of `rows` in a per-row array,
 * 1/m for a rating that m of them share; null when none is shared (every weight 1).
 */
export function ratingWeights(kept: KeptRows, rows: ArrayLike<number>): Float64Array | null {
  const times = new Int32Array(kept.ratingCount);
  let shared = false;
  for (let j = 0; j < rows.length; j++) {
    if (++times[kept.rating[rows[j]!]!]! > 1) shared = true;
  }
  if (!shared) return null;
  const weights = new Float64Array(kept.rating.length);
  for (let j = 0; j < rows.length; j++) weights[rows[j]!] = 1 / times[kept.rating[rows[j]!]!]!;
  return weights;
}

/** Shares of what a section could use that it left out (contract/report.ts, `leftOutSchema`). */
export type LeftOut = { interactions: number; ratings: number | null; agents: number };

/**
 * A share in whole percent, at least 1 % when anything was left out: coarse on purpose, it says
 * how much was held back, not any figure of it.
 */
export function leftOutShare(left: number, total: number): number {
  if (total === 0 || left <= 0) return 0;
  return Math.max(0.01, Math.round((100 * left) / total) / 100);
}

// The eligible rows of a population are one array shared by several sections: count them once.
const eligibleCounts = new WeakMap<ArrayLike<number>, { people: number; ratings: number }>();

/** What `used` (a subset of `eligible`) leaves out, in interactions, ratings and people. */
export function leftOutOf(
  columns: ReportColumns,
  kept: KeptRows,
  eligible: Int32Array,
  used: Int32Array,
  withRatings: boolean,
): LeftOut {
  let all = eligibleCounts.get(eligible);
  if (!all) {
    all = { people: countPeople(columns, eligible), ratings: countRatings(kept, eligible) };
    eligibleCounts.set(eligible, all);
  }
  return {
    interactions: leftOutShare(eligible.length - used.length, eligible.length),
    ratings: withRatings ? leftOutShare(all.ratings - countRatings(kept, used), all.ratings) : null,
    agents: leftOutShare(all.people - countPeople(columns, used), all.people),
  };
}

/**
 * Whether agent-level figures may be shown (issue #7): only with agent ids (identified or
 * pseudonymous mode) and only to supervisors.
 */
export function agentViewAllowed(identityMode: IdentityMode, role: Role): boolean {
  return identityMode !== 'anonymous' && role === 'supervisor';
}

/** The minimum group size a report applies: the supervisor's, never below the admin's floor. */
export function effectiveMinGroupSize(minGroupSize: number, floor: number): number {
  return Math.max(minGroupSize, floor);
}
