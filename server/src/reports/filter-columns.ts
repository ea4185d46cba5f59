import type { ListColumn, ReportColumns } from './report-columns';
import { groupOfCell, personOfCell, POPULATIONS, type KeptRows } from './suppression';

// Report filters (issue #14, item 6).
// - App: the report of one app's records is the same report built from fewer rows. The filter
//   applies before suppression, so every rule of suppression.ts holds for it as for the whole.
// - Agent: one agent's work is an agent row widened to every section. Suppression runs on the
//   whole team first (the people rule needs the team), then only the agent's kept cells stay:
//   each of ≥ k values, in team-weeks of ≥ k people that agent figures may show (rule 4), as the
//   agent view shows them. Breakdowns
//   that need k people on their own (reasons, apps, bands, the within-agent reading across
//   agents) come out empty, as they should for one person.
// Dictionaries (people, apps, reasons) stay as they are: indexes keep their meaning.

export type ReportFilter = {
  /** The record's app id (the CRM), e.g. `zendesk`. */
  app?: string;
  /** An agent id as the agent view shows it. */
  agent?: string;
};

function pickList(list: ListColumn, rows: Int32Array): ListColumn {
  const start = new Int32Array(rows.length + 1);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]!;
    start[j + 1] = start[j]! + list.start[i + 1]! - list.start[i]!;
  }
  const items = new Int32Array(start[rows.length]!);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]!;
    items.set(list.items.subarray(list.start[i]!, list.start[i + 1]!), start[j]!);
  }
  return { start, items };
}

/** The columns' rows that match every part of `filter`, in their order; the same columns without one. */
export function filterColumns(columns: ReportColumns, filter: ReportFilter): ReportColumns {
  if (filter.app === undefined && filter.agent === undefined) return columns;
  const app = filter.app === undefined ? -1 : columns.appIds.indexOf(filter.app);
  const person = filter.agent === undefined ? -1 : columns.agentIds.indexOf(filter.agent);
  const picked = new Int32Array(columns.length);
  let count = 0;
  const noMatch =
    (filter.app !== undefined && app < 0) || (filter.agent !== undefined && person < 0);
  for (let i = 0; i < columns.length && !noMatch; i++) {
    if (app >= 0 && columns.app[i] !== app) continue;
    if (person >= 0 && columns.agent[i] !== person) continue;
    picked[count++] = i;
  }
  const rows = picked.subarray(0, count);
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(column: T): T =>
    column.constructor === Int32Array
      ? (Int32Array.from(rows, (i) => column[i]!) as T)
      : column.constructor === Float64Array
        ? (Float64Array.from(rows, (i) => column[i]!) as T)
        : (Uint8Array.from(rows, (i) => column[i]!) as T);
  return {
    ...columns,
    length: count,
    agent: pick(columns.agent),
    app: pick(columns.app),
    occurredAt: pick(columns.occurredAt),
    handleMs: pick(columns.handleMs),
    awayMs: pick(columns.awayMs),
    switchCount: pick(columns.switchCount),
    effortScore: pick(columns.effortScore),
    effortScale: pick(columns.effortScale),
    csat: pick(columns.csat),
    ...(columns.rating && { rating: pick(columns.rating) }),
    awayApps: pickList(columns.awayApps, rows),
    reasons: pickList(columns.reasons, rows),
  };
}

/** The record apps of `rows` (indexes into the columns), sorted: what the app filter offers. */
export function recordApps(columns: ReportColumns, rows: ArrayLike<number>): string[] {
  const seen = new Uint8Array(columns.appIds.length);
  for (let j = 0; j < rows.length; j++) seen[columns.app[rows[j]!]!] = 1;
  return columns.appIds.filter((_, index) => seen[index] === 1).sort();
}

/** The agent ids of `rows`, sorted (people without a showable id left out). */
export function agentIdsOf(columns: ReportColumns, rows: ArrayLike<number>): string[] {
  const seen = new Uint8Array(columns.agentIds.length);
  for (let j = 0; j < rows.length; j++) seen[columns.agent[rows[j]!]!] = 1;
  return columns.agentIds
    .filter((id, index): id is string => id !== null && seen[index] === 1)
    .sort();
}

/**
 * What suppression kept (on the whole team), narrowed to one person's rows and cells in the groups
 * agent figures may show (suppression.ts, rule 4); nothing when `agent` is not among the columns'
 * people.
 */
export function keptOfAgent(columns: ReportColumns, kept: KeptRows, agent: string): KeptRows {
  const person = columns.agentIds.indexOf(agent);
  const theirs = (rows: Int32Array) => rows.filter((i) => columns.agent[i] === person);
  const keptIn = kept.keptIn.map((bits, cell) =>
    personOfCell(kept, cell) === person && kept.agentFiguresIn[groupOfCell(kept, cell)] ? bits : 0,
  );
  const narrowed = { ...kept, keptIn, eligible: { ...kept.eligible } };
  for (const population of POPULATIONS) {
    narrowed[population] = theirs(kept[population]).filter(
      (i) => kept.agentFiguresIn[kept.group[i]!] === 1,
    );
    narrowed.eligible[population] = theirs(kept.eligible[population]);
  }
  return narrowed;
}
