import type { EffortScale } from '../../../lib/feedback/prompt-settings';
import type { IdentityMode, Role } from '../../../lib/sync/collector-api';
import { isoWeekIndex } from './iso-week';
import type { ReportRow } from './report-row';

// Minimum group size (PRODUCT.md privacy rule 4, issue #7), built against differencing.
//
// The rule: data are cut into fixed cells — one agent (or "no agent" in anonymous mode) in one
// ISO week — and a cell with fewer than k values of a measure contributes nothing to that measure,
// in every answer: team figures, agent figures, weekly figures, for every role and identity mode.
// Reports cover whole ISO weeks only. Every figure is therefore a sum over whole cells of size
// ≥ k, and so is the difference of any two figures from overlapping answers: team minus the other
// agents is one agent's kept cells; weeks 1–3 minus weeks 1–2 is week 3's kept cells. A small
// cell cannot be isolated because it is in neither answer.
//
// The populations are per measure because a cell can have 40 interactions but 3 effort answers:
// effort figures are then left without those 3, though the interactions still count for time.
//
// Residual risks (documented in README.md): weeks whose data still change (late CSAT imports,
// agents syncing after days offline) can be differenced over time; breakdowns inside a team
// (reasons, apps) apply the same rule per team-week in their own modules.

export const DEFAULT_MIN_GROUP_SIZE = 5;

export const POPULATIONS = ['work', 'effort', 'csat', 'effortCsat'] as const;
export type Population = (typeof POPULATIONS)[number];

/** Row indexes kept for each population, and each row's week index. */
export type KeptRows = Record<Population, Int32Array> & {
  week: Int32Array;
  /** Whether any cell was left out of any population (the UI says so, without numbers). */
  leftOut: boolean;
};

/** Whether the row has an effort answer on the report's scale. */
export const hasEffort = (row: ReportRow, scale: EffortScale) =>
  row.effortScore !== null && row.effortScale === scale;

/** Applies the cell rule to `rows`; see the module comment. */
export function keepWeekCells(
  rows: readonly ReportRow[],
  options: { minGroupSize: number; effortScale: EffortScale },
): KeptRows {
  const { minGroupSize, effortScale } = options;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) {
    throw new Error(`minGroupSize must be a positive integer, got ${minGroupSize}`);
  }
  const agents = new Map<string | null, number>();
  const cells = new Map<number, number>();
  const week = new Int32Array(rows.length);
  const cellOf = new Int32Array(rows.length);
  const counts: Record<Population, number[]> = { work: [], effort: [], csat: [], effortCsat: [] };
  const flags = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let agent = agents.get(row.agentId);
    if (agent === undefined) agents.set(row.agentId, (agent = agents.size));
    week[i] = isoWeekIndex(row.occurredAt);
    // Week indexes stay below 2^20 until the year 22,000.
    const key = agent * 2 ** 20 + week[i]!;
    let cell = cells.get(key);
    if (cell === undefined) {
      cells.set(key, (cell = cells.size));
      for (const population of POPULATIONS) counts[population].push(0);
    }
    cellOf[i] = cell;
    const effort = hasEffort(row, effortScale);
    const csat = row.csat !== null;
    flags[i] = (effort ? 1 : 0) | (csat ? 2 : 0);
    counts.work[cell]!++;
    if (effort) counts.effort[cell]!++;
    if (csat) counts.csat[cell]!++;
    if (effort && csat) counts.effortCsat[cell]!++;
  }
  const kept: Record<Population, number[]> = { work: [], effort: [], csat: [], effortCsat: [] };
  let leftOut = false;
  const admit = (population: Population, i: number) => {
    if (counts[population][cellOf[i]!]! >= minGroupSize) kept[population].push(i);
    else leftOut = true;
  };
  for (let i = 0; i < rows.length; i++) {
    admit('work', i);
    if (flags[i]! & 1) admit('effort', i);
    if (flags[i]! & 2) admit('csat', i);
    if (flags[i] === 3) admit('effortCsat', i);
  }
  return {
    work: Int32Array.from(kept.work),
    effort: Int32Array.from(kept.effort),
    csat: Int32Array.from(kept.csat),
    effortCsat: Int32Array.from(kept.effortCsat),
    week,
    leftOut,
  };
}

/**
 * Whether agent-level figures may be shown (issue #7): only with agent ids (identified or
 * pseudonymous mode) and only to supervisors.
 */
export function agentViewAllowed(identityMode: IdentityMode, role: Role): boolean {
  return identityMode !== 'anonymous' && role === 'supervisor';
}
