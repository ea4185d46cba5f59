import { groupFigures, type CellTotals, type GroupFigures } from './group-figures';
import type { ReportColumns } from './report-columns';
import { personOfCell, type KeptRows } from './suppression';

// Agent-level figures (issue #7), for supervisors in identified or pseudonymous mode only
// (buildReport decides). An agent appears when at least one of their cells was kept
// (suppression.ts: their week in an app had ≥ k values, and so had k people's that app-week).

export type AgentRow = { agentId: string } & GroupFigures;

export function agentRows(columns: ReportColumns, kept: KeptRows, totals: CellTotals): AgentRow[] {
  const agentOfCell = Int32Array.from(kept.keptIn, (_, cell) => personOfCell(kept, cell));
  return (
    groupFigures(totals, agentOfCell, columns.agentIds.length)
      .map((group, agent) => ({ agentId: columns.agentIds[agent]!, ...group }))
      // The unknown person (rows without an agent key) counts in team figures but has no row.
      .filter((row): row is AgentRow => row.agentId !== null)
      .filter((row) => row.n > 0 || row.effort.n > 0 || row.csat.n > 0)
      .sort((a, b) => a.agentId.localeCompare(b.agentId))
  );
}
