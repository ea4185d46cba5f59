import { groupFigures, type CellTotals, type GroupFigures } from './group-figures';
import type { ReportColumns } from './report-columns';
import { groupOfCell, personOfCell, type KeptRows } from './suppression';

// Agent-level figures (issue #7), for supervisors in identified or pseudonymous mode only
// (buildReport decides). An agent appears when at least one of their cells was kept
// (suppression.ts: their week in an app had ≥ k values, and so had k people's that app-week) in
// a group that agent figures may show (rule 4: the people there without an id are none or ≥ k).

export type AgentRow = { agentId: string } & GroupFigures;

export function agentRows(columns: ReportColumns, kept: KeptRows, totals: CellTotals): AgentRow[] {
  const agentOfCell = Int32Array.from(kept.keptIn, (_, cell) =>
    kept.agentFiguresIn[groupOfCell(kept, cell)] ? personOfCell(kept, cell) : -1,
  );
  return (
    groupFigures(totals, agentOfCell, columns.agentIds.length)
      .map((group, agent) => ({ agentId: columns.agentIds[agent]!, ...group }))
      // People without an id (anonymous installs, the unknown person) count in team figures but
      // have no row.
      .filter((row): row is AgentRow => row.agentId !== null)
      .filter((row) => row.n > 0 || row.effort.n > 0 || row.csat.n > 0)
      .sort((a, b) => a.agentId.localeCompare(b.agentId))
  );
}
