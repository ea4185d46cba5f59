import type { ReportColumns } from '../reports/report-columns';
import { projectAll, type EventsRepository } from './events-repository';
import { loadReportColumns } from './report-columns-sql';
import type { SqlClient } from './sql-client';

// What a report reads: the `interactions` table, in bulk (report-columns-sql.ts).

/** The report's input. */
export type ReportRepository = {
  /**
   * The team's interactions that ended in [fromMs, toMs) as report columns, read in bulk
   * (issue #7, acceptance 5): what `GET /v1/reports` reads. Projects the team's queued events
   * first, so a report sees every event stored before it started.
   */
  loadReportColumns(team: string, fromMs: number, toMs: number): Promise<ReportColumns>;
};

export function createReportRepository(
  client: SqlClient,
  events: Pick<EventsRepository, 'projectPending' | 'queuedFor'>,
): ReportRepository {
  return {
    async loadReportColumns(team, fromMs, toMs) {
      const queued = await events.queuedFor(team);
      if (queued) await projectAll(events, queued);
      return loadReportColumns(client, team, fromMs, toMs);
    },
  };
}
