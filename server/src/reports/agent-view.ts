import { groupFigures, type GroupFigures } from './group-figures';
import type { ReportRow } from './report-row';
import type { KeptRows } from './suppression';

// Agent-level figures (issue #7), for supervisors in identified or pseudonymous mode only
// (buildReport decides). An agent appears when at least one of their agent-week cells was kept.

export type AgentRow = { agentId: string } & GroupFigures;

export function agentRows(rows: readonly ReportRow[], kept: KeptRows): AgentRow[] {
  const figures = groupFigures(rows, kept, (i) => rows[i]!.agentId);
  return [...figures]
    .filter(([, group]) => group.n > 0 || group.effort.n > 0 || group.csat.n > 0)
    .map(([agentId, group]) => ({ agentId: agentId!, ...group }))
    .sort((a, b) => a.agentId.localeCompare(b.agentId));
}
