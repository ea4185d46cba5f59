import type { EffortScale } from '../../../contract/prompt-settings';
import { awayTargets } from './away-targets';
import type { ReportRow } from './report-row';

// The report's input as columns (issue #7, acceptance 5): a million interactions as a dozen typed
// arrays instead of a million objects, so the database can hand them over in bulk and the core
// can count and sort without chasing pointers. Strings (agent ids, app ids, reason ids) are kept
// once in a dictionary and referred to by index.

/** Lists per row in compressed sparse row form: row i's items are items[start[i]..start[i+1]). */
export type ListColumn = { start: Int32Array; items: Int32Array };

export type ReportColumns = {
  team: string | null;
  length: number;
  /**
   * Each row's person: an index per distinct agent key, rows without a key all sharing one
   * index (the unknown person, counted as one). `agentIds[person]` is the id agent rows may
   * show, null when there is none to show (anonymous mode, unknown person).
   */
  agentIds: (string | null)[];
  agent: Int32Array;
  /** Distinct app ids, indexed by `app` and by `awayApps`' items. */
  appIds: string[];
  /** The record's app. */
  app: Int32Array;
  /** When the interaction ended (ms since the epoch). */
  occurredAt: Float64Array;
  handleMs: Float64Array;
  awayMs: Float64Array;
  switchCount: Float64Array;
  /** Ease score 1–7; 0 when not asked or not answered. */
  effortScore: Uint8Array;
  /** Scale of the effort answer: `SCALE_CODE` of it, 0 when there is none. */
  effortScale: Uint8Array;
  /** 1–5; 0 when the customer gave none. */
  csat: Uint8Array;
  /**
   * Which CSAT rating each row carries (issue #14): equal ids for the interactions of one
   * ticket that share its rating (same record hash, same CSAT), dense from 0; −1 without CSAT.
   * Absent, every row with a CSAT counts as a rating of its own.
   */
  rating?: Int32Array;
  /** The apps the time away is attributed to (rank-apps.ts, `awayTargets`). */
  awayApps: ListColumn;
  /** Distinct reason ids, indexed by `reasons`' items. */
  reasonIds: string[];
  reasons: ListColumn;
};

export const SCALE_CODE: Record<EffortScale, number> = { '1-5': 5, 'ces-7': 7 };

/** Interns strings to dense indexes in order of first appearance. */
export function createDictionary<T>() {
  const index = new Map<T, number>();
  const values: T[] = [];
  return {
    values,
    indexOf(value: T): number {
      let at = index.get(value);
      if (at === undefined) {
        at = values.length;
        index.set(value, at);
        values.push(value);
      }
      return at;
    },
  };
}

function listColumn(lists: readonly (readonly number[])[]): ListColumn {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const items = new Int32Array(start[lists.length]!);
  lists.forEach((list, i) => items.set(list, start[i]!));
  return { start, items };
}

/** The rows as columns; rows must all belong to one team. */
export function toReportColumns(rows: readonly ReportRow[]): ReportColumns {
  const team = rows[0]?.team ?? null;
  const people = createDictionary<string | null>();
  const agentIds: (string | null)[] = [];
  const ratings = createDictionary<string>();
  const apps = createDictionary<string>();
  const reasonIds = createDictionary<string>();
  const n = rows.length;
  const columns: ReportColumns = {
    team,
    length: n,
    agentIds,
    agent: new Int32Array(n),
    appIds: apps.values,
    app: new Int32Array(n),
    occurredAt: new Float64Array(n),
    handleMs: new Float64Array(n),
    awayMs: new Float64Array(n),
    switchCount: new Float64Array(n),
    effortScore: new Uint8Array(n),
    effortScale: new Uint8Array(n),
    csat: new Uint8Array(n),
    rating: new Int32Array(n).fill(-1),
    awayApps: listColumn(
      rows.map((row) => awayTargets(row.app, row.appsUsed).map((app) => apps.indexOf(app))),
    ),
    reasonIds: reasonIds.values,
    reasons: listColumn(rows.map((row) => row.reasons.map((reason) => reasonIds.indexOf(reason)))),
  };
  rows.forEach((row, i) => {
    if (row.team !== team) throw new Error(`rows of two teams: ${team} and ${row.team}`);
    const key = row.agentKey === undefined ? row.agentId : row.agentKey;
    const person = people.indexOf(key);
    if (person === agentIds.length) agentIds.push(key === null ? null : row.agentId);
    columns.agent[i] = person;
    columns.app[i] = apps.indexOf(row.app);
    columns.occurredAt[i] = row.occurredAt;
    columns.handleMs[i] = row.handleMs;
    columns.awayMs[i] = row.awayMs;
    columns.switchCount[i] = row.switchCount;
    if (row.effortScore !== null && row.effortScale !== null) {
      columns.effortScore[i] = row.effortScore;
      columns.effortScale[i] = SCALE_CODE[row.effortScale];
    }
    columns.csat[i] = row.csat ?? 0;
    // A row without a record hash shares its rating with no other.
    const rating = row.recordHash === '' ? `row ${i}` : `${row.recordHash}|${row.csat}`;
    if (row.csat !== null) columns.rating![i] = ratings.indexOf(rating);
  });
  return columns;
}
