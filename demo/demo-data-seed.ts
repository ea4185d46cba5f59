import type { AcceptedEvent, CxScore, Database, InteractionRow } from '../server/src/db/database';
import {
  createSeededIds,
  generateDemoData,
  toCxRow,
  toOutboxEvents,
  type DemoInteraction,
} from './report-data';
import { isoWeekIndex, isoWeekLabel } from '../contract/iso-week';
import { insertInteractions } from './interaction-writer';
import type { ReportRow } from '../server/src/reports/report-row';

// Demo data in the collector's database (issue #7, acceptance 1): `generateDemoData` rows of one
// team, stored as the browser would have sent them (`interaction.summary` + `prompt.outcome`
// events, which the ingest path turns into `interactions` rows) plus an imported CSAT per rated
// record. Demo records have no raw ids: the generator's record hashes stand in for the keyed
// hashes. The same seed gives the same event ids, so seeding twice adds nothing.

export type SeedDemoOptions = {
  seed: number;
  interactions: number;
  /** Team to fill (created when missing); default `demo`. */
  team?: string;
  agents?: number;
  weeks?: number;
  /** The data fill the `weeks` whole ISO weeks before the week of `now`. */
  now?: number;
  /**
   * `events` (default): through the ingest path, raw events kept. `interactions`: straight into
   * the interactions table, no events (benchmarks: a million interactions in seconds).
   */
  via?: 'events' | 'interactions';
  /** Rows per statement. */
  batchSize?: number;
};

export type SeedDemoResult = {
  team: string;
  interactions: number;
  events: number;
  cxScores: number;
};

/** The interaction row a report row stands for (start = end − handle time). */
export const toInteractionRow = (row: ReportRow): InteractionRow => ({
  agentId: row.agentId,
  app: row.app,
  recordHash: row.recordHash,
  start: row.occurredAt - row.handleMs,
  end: row.occurredAt,
  handleMs: row.handleMs,
  awayMs: row.awayMs,
  switchCount: row.switchCount,
  appsUsed: row.appsUsed,
  effortScore: row.effortScore,
  effortScale: row.effortScale,
  reasons: row.reasons,
});

/** The imported CSAT of a report row, if it has one. */
export const toCxScore = (row: ReportRow): CxScore | null =>
  row.csat === null
    ? null
    : {
        recordHash: row.recordHash,
        app: row.app,
        metric: 'csat',
        source: 'import',
        score: row.csat,
        scale: '1-5',
        observedAt: new Date(row.occurredAt),
      };

/** Stores report rows (interactions + CSAT) directly: test and benchmark data. */
export async function storeReportRows(
  db: Database,
  team: string,
  rows: readonly ReportRow[],
  batchSize = 5000,
): Promise<number> {
  let cxScores = 0;
  for (let at = 0; at < rows.length; at += batchSize) {
    const batch = rows.slice(at, at + batchSize);
    await insertInteractions(db, team, batch.map(toInteractionRow));
    const scores = batch.map(toCxScore).filter((score) => score !== null);
    // A record hash is unique per generated row, so no (record, metric) repeats in a batch.
    await db.upsertCxScores(team, scores);
    cxScores += scores.length;
  }
  return cxScores;
}

/** Generates and stores demo data for one team; see the module comment. */
export async function seedDemoData(
  db: Database,
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const { seed, interactions, team = 'demo', agents = 8, weeks = 8, now = Date.now() } = options;
  const { via = 'events', batchSize = via === 'events' ? 1000 : 5000 } = options;
  await db.ensureTeam(team);
  const rows: DemoInteraction[] = generateDemoData({
    seed,
    interactions,
    teams: 1,
    agentsPerTeam: agents,
    weeks,
    fromWeek: isoWeekLabel(isoWeekIndex(now) - weeks),
  }).map((row) => ({ ...row, team }));
  if (via === 'interactions') {
    const cxScores = await storeReportRows(db, team, rows, batchSize);
    return { team, interactions: rows.length, events: 0, cxScores };
  }
  const newId = createSeededIds(seed);
  const byAgent = new Map<string | null, AcceptedEvent[]>();
  for (const row of rows) {
    let events = byAgent.get(row.agentId);
    if (!events) byAgent.set(row.agentId, (events = []));
    events.push(...toOutboxEvents(row, newId));
  }
  let events = 0;
  const receivedAt = new Date(now);
  for (const [agentId, agentEvents] of byAgent) {
    for (let at = 0; at < agentEvents.length; at += batchSize) {
      const batch = agentEvents.slice(at, at + batchSize);
      events += (await db.insertEvents(team, agentId, batch, receivedAt)).size;
    }
  }
  let cxScores = 0;
  const scores: CxScore[] = rows
    .map(toCxRow)
    .filter((row) => row !== null)
    .map((row) => ({
      recordHash: row.recordHash,
      app: row.app,
      metric: 'csat',
      source: 'import',
      score: row.csat,
      scale: row.scale,
      observedAt: new Date(`${row.date}T00:00:00Z`),
    }));
  for (let at = 0; at < scores.length; at += 5000) {
    cxScores += await db.upsertCxScores(team, scores.slice(at, at + 5000));
  }
  return { team, interactions: rows.length, events, cxScores };
}
