import type { EffortScale } from '../../../lib/feedback/prompt-settings';
import { BIN_EDGES } from '../reports/distribution';
import { isoWeekStart } from '../reports/iso-week';
import type { AppTally } from '../reports/rank-apps';
import type { Tally } from '../reports/rank-reasons';
import { MEASURES, type Measure } from '../reports/reading';
import type {
  AggregatedDistribution,
  AggregatedGroup,
  AggregatedQuantiles,
  ReportAggregates,
} from '../reports/report-aggregates';
import { LOW_CSAT_MAX } from '../reports/report-row';
import type { SqlClient } from './sql-client';

// The SQL side of report-aggregates.ts (issue #7, acceptance 5). Every query starts from KEPT: the
// team's interactions in the period with, per population, whether their agent-week cell reaches
// the minimum group size — suppression.ts's rule, in SQL. The queries run side by side (each on
// its own pooled connection in PostgreSQL).

const DAY_MS = 86_400_000;
const WEEK_INDEX = `floor((extract(epoch FROM ended_at) * 1000 - ${4 * DAY_MS}) / ${7 * DAY_MS})::integer`;

// One pass over the team's interactions fills KEPT_TABLE ($1 team, $2 from ms, $3 to ms, $4 effort
// scale, $5 minimum group size); the aggregates then read that narrow temporary table. The cell
// counts come from window functions over the cell, so the heap is scanned once.
const KEPT_TABLE = `CREATE TEMP TABLE kept (
    agent_id text, week integer, handle float8, away float8, switches integer, away_apps text[],
    effort smallint, reasons text[], csat smallint, has_effort boolean, has_csat boolean,
    k_work boolean, k_effort boolean, k_csat boolean, k_effort_csat boolean
  ) ON COMMIT DROP`;
const FILL_KEPT = `INSERT INTO kept
  SELECT agent_id, week, handle, away, switches, away_apps, effort, reasons, csat, has_effort,
    has_csat, work >= $5, has_effort AND effort_n >= $5, has_csat AND csat_n >= $5,
    has_effort AND has_csat AND effort_csat_n >= $5
  FROM (
    SELECT *, count(*) OVER cell AS work,
      count(*) FILTER (WHERE has_effort) OVER cell AS effort_n,
      count(*) FILTER (WHERE has_csat) OVER cell AS csat_n,
      count(*) FILTER (WHERE has_effort AND has_csat) OVER cell AS effort_csat_n
    FROM (
      SELECT coalesce(agent_id, '') AS cell_agent, agent_id, ${WEEK_INDEX} AS week,
        handle_ms::float8 AS handle, away_ms::float8 AS away, switch_count AS switches, away_apps,
        effort_score AS effort, reasons, csat,
        (effort_score IS NOT NULL AND effort_scale = $4) AS has_effort, csat IS NOT NULL AS has_csat
      FROM interactions
      WHERE team = $1 AND ended_at >= to_timestamp($2 / 1000.0)
        AND ended_at < to_timestamp($3 / 1000.0)
    ) base
    WINDOW cell AS (PARTITION BY cell_agent, week)
  ) counted`;

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** Pairs of (x, CSAT) over `filter`, x grouped as capGroups does above 256 distinct values. */
function correlationSql(x: string, filter: string) {
  // Window functions only, no self-join: average rank = rows before + (ties + 1) / 2.
  return `WITH pairs AS (SELECT ${x}::float8 AS x, csat::float8 AS y FROM kept WHERE ${filter}),
    r1 AS (SELECT rank() OVER (ORDER BY x) - 1 AS bx, count(*) OVER (PARTITION BY x) AS cx,
      dense_rank() OVER (ORDER BY x) - 1 AS dx, rank() OVER (ORDER BY y) - 1 AS b_y,
      count(*) OVER (PARTITION BY y) AS cy, dense_rank() OVER (ORDER BY y) - 1 AS gy,
      count(*) OVER () AS total FROM pairs),
    r2 AS (SELECT *, max(dx) OVER () + 1 AS x_groups,
      floor(bx::float8 / (total::float8 / 256)) AS fx FROM r1),
    r3 AS (SELECT CASE WHEN x_groups > 256 THEN dense_rank() OVER (ORDER BY fx) - 1 ELSE dx END AS gx,
      gy, bx + (cx + 1) / 2.0 AS rx, b_y + (cy + 1) / 2.0 AS ry FROM r2)
    SELECT gx, gy, count(*) AS w, NULL::float8 AS rho FROM r3 GROUP BY gx, gy
    UNION ALL
    SELECT -1, -1, count(*), corr(rx::float8, ry::float8) FROM r3`;
}

const MEASURE_PAIRS: Record<Measure, [string, string]> = {
  effort: ['effort', 'k_effort_csat'],
  switches: ['switches', 'k_csat'],
  away: ['away', 'k_csat'],
  handle: ['handle', 'k_csat'],
};

function groupSql(key: string) {
  return `SELECT ${key} AS key,
      count(*) FILTER (WHERE k_work) AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY handle) FILTER (WHERE k_work) AS median_handle,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY away) FILTER (WHERE k_work) AS median_away,
      coalesce(sum(switches) FILTER (WHERE k_work), 0) AS switches,
      count(*) FILTER (WHERE k_effort) AS effort_n,
      coalesce(sum(effort) FILTER (WHERE k_effort), 0) AS effort_sum,
      count(*) FILTER (WHERE k_csat) AS csat_n,
      coalesce(sum(csat) FILTER (WHERE k_csat), 0) AS csat_sum,
      count(*) FILTER (WHERE k_csat AND csat <= ${LOW_CSAT_MAX}) AS csat_low
    FROM kept WHERE ${key} IS NOT NULL GROUP BY ${key}`;
}

type GroupRow = Record<string, unknown> & { key: string | number };
const toGroup = (row: GroupRow): AggregatedGroup => ({
  n: Number(row.n),
  medianHandleMs: num(row.median_handle),
  medianAwayMs: num(row.median_away),
  switches: Number(row.switches),
  effortN: Number(row.effort_n),
  effortSum: Number(row.effort_sum),
  csatN: Number(row.csat_n),
  csatSum: Number(row.csat_sum),
  csatLow: Number(row.csat_low),
});

/** Enough for the sorts of a million rows to stay in memory (a few tens of MB each). */
const WORK_MEM = '256MB';

const QUANTILES = 'ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]';
const DISTRIBUTIONS = {
  effortScore: ['effort', 'k_effort'],
  switches: ['switches', 'k_work'],
  awayMs: ['away', 'k_work'],
  handleMs: ['handle', 'k_work'],
} as const;

/** Everything build-report-aggregated.ts needs; see the module comment. */
export async function loadReportAggregates(
  db: SqlClient,
  team: string,
  options: { weeks: number[]; minGroupSize: number; effortScale: EffortScale; withAgents: boolean },
): Promise<ReportAggregates> {
  const { weeks, minGroupSize, effortScale, withAgents } = options;
  const fromMs = weeks.length > 0 ? isoWeekStart(weeks[0]!) : 0;
  const toMs = weeks.length > 0 ? isoWeekStart(weeks[weeks.length - 1]! + 1) : 0;
  const params = [team, fromMs, toMs, effortScale, minGroupSize];
  const edges = {
    effortScore: effortScale === '1-5' ? BIN_EDGES.effortFive : BIN_EDGES.effortSeven,
    switches: BIN_EDGES.switches,
    awayMs: BIN_EDGES.awayMs,
    handleMs: BIN_EDGES.handleMs,
  };
  const [summary, quantiles, bins, weekly, agents, reasons, apps, ...correlations] =
    await db.transaction(async (tx) => {
      // Sorts for ranks and quantiles stay in memory; the default 4 MB spills them to disk.
      await tx.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
      await tx.exec(KEPT_TABLE);
      await tx.query(FILL_KEPT, params);
      // One connection: the queries run one after the other (pg allows one at a time).
      let queue: Promise<unknown> = Promise.resolve();
      const q = <Row>(sql: string): Promise<Row[]> => {
        const rows = queue.then(() => tx.query<Row>(sql)).then((result) => result.rows);
        queue = rows.catch(() => {});
        return rows;
      };
      return Promise.all([
        q<Record<string, unknown>>(`SELECT count(*) FILTER (WHERE k_work) AS interactions,
          count(*) FILTER (WHERE k_effort) AS effort, count(*) FILTER (WHERE k_csat) AS csat,
          count(*) FILTER (WHERE k_effort_csat) AS effort_csat,
          coalesce(bool_or(NOT k_work OR (has_effort AND NOT k_effort)
            OR (has_csat AND NOT k_csat) OR (has_effort AND has_csat AND NOT k_effort_csat)),
            false) AS left_out
          FROM kept`),
        q<Record<string, unknown>>(
          `SELECT ${Object.entries(DISTRIBUTIONS)
            .map(
              ([name, [column, filter]]) =>
                `percentile_cont(${QUANTILES}) WITHIN GROUP (ORDER BY ${column}::float8) FILTER (WHERE ${filter}) AS "${name}"`,
            )
            .join(', ')} FROM kept`,
        ),
        q<{ measure: string; bin: number; count: unknown }>(
          Object.entries(DISTRIBUTIONS)
            .map(
              ([name, [column, filter]]) =>
                `SELECT '${name}' AS measure, width_bucket(${column}::float8, ARRAY[${edges[name as keyof typeof edges].join(', ')}]::float8[]) AS bin, count(*) AS count FROM kept WHERE ${filter} GROUP BY 2`,
            )
            .join(' UNION ALL '),
        ),
        q<GroupRow>(groupSql('week')),
        withAgents ? q<GroupRow>(groupSql('agent_id')) : Promise.resolve([]),
        q<{ reason: string | null; week: number; n: unknown; low: unknown }>(`
          SELECT NULL AS reason, week, count(*) AS n,
            count(*) FILTER (WHERE csat <= ${LOW_CSAT_MAX}) AS low
          FROM kept WHERE k_effort_csat GROUP BY week
          UNION ALL
          SELECT r.reason, week, count(*), count(*) FILTER (WHERE csat <= ${LOW_CSAT_MAX})
          FROM kept, LATERAL (SELECT DISTINCT unnest(kept.reasons) AS reason) r
          WHERE k_effort_csat GROUP BY r.reason, week`),
        q<{ app: string; week: number; n: unknown; ms: unknown }>(`
          SELECT a.app, week, count(*) AS n, sum(away / cardinality(away_apps)) AS ms
          FROM kept, unnest(kept.away_apps) AS a (app)
          WHERE k_work AND away > 0 GROUP BY a.app, week`),
        ...MEASURES.map((measure) =>
          q<{ gx: number; gy: number; w: unknown; rho: unknown }>(
            correlationSql(...MEASURE_PAIRS[measure]),
          ),
        ),
      ]);
    });

  const s = summary[0]!;
  const distributions = Object.fromEntries(
    Object.keys(DISTRIBUTIONS).map((name) => {
      const counts = new Array<number>(edges[name as keyof typeof edges].length).fill(0);
      let n = 0;
      for (const row of bins) {
        if (row.measure !== name) continue;
        const bin = Number(row.bin);
        n += Number(row.count);
        // width_bucket: 0 below the first edge (not counted), i for edge i−1 ≤ x < edge i.
        if (bin >= 1) counts[bin - 1]! += Number(row.count);
      }
      const values = quantiles[0]?.[name] as number[] | null | undefined;
      const aggregate: AggregatedDistribution = {
        n,
        quantiles: values ? (values.map(Number) as AggregatedQuantiles) : null,
        bins: counts,
      };
      return [name, aggregate];
    }),
  ) as ReportAggregates['distributions'];

  const reasonWeekTotals = new Map<number, Tally>();
  const reasonTallies = new Map<string, Map<number, Tally>>();
  for (const row of reasons) {
    const tally = { n: Number(row.n), low: Number(row.low) };
    if (row.reason === null) reasonWeekTotals.set(Number(row.week), tally);
    else {
      let byWeek = reasonTallies.get(row.reason);
      if (!byWeek) reasonTallies.set(row.reason, (byWeek = new Map()));
      byWeek.set(Number(row.week), tally);
    }
  }
  const appTallies = new Map<string, Map<number, AppTally>>();
  for (const row of apps) {
    let byWeek = appTallies.get(row.app);
    if (!byWeek) appTallies.set(row.app, (byWeek = new Map()));
    byWeek.set(Number(row.week), { n: Number(row.n), ms: Number(row.ms) });
  }

  return {
    weeks,
    leftOut: Boolean(s.left_out),
    n: {
      interactions: Number(s.interactions),
      effort: Number(s.effort),
      csat: Number(s.csat),
      effortCsat: Number(s.effort_csat),
    },
    distributions,
    correlations: Object.fromEntries(
      MEASURES.map((measure, index) => {
        const rows = correlations[index]!;
        const cells = rows.filter((row) => Number(row.gx) >= 0);
        const total = rows.find((row) => Number(row.gx) < 0);
        const cellX = Int32Array.from(cells, (row) => Number(row.gx));
        const cellY = Int32Array.from(cells, (row) => Number(row.gy));
        return [
          measure,
          {
            cells: {
              n: Number(total?.w ?? 0),
              xGroups: cellX.length > 0 ? Math.max(...cellX) + 1 : 0,
              yGroups: cellY.length > 0 ? Math.max(...cellY) + 1 : 0,
              cellX,
              cellY,
              count: Float64Array.from(cells, (row) => Number(row.w)),
            },
            rho: num(total?.rho) ?? Number.NaN,
          },
        ];
      }),
    ) as ReportAggregates['correlations'],
    reasonWeekTotals,
    reasonTallies,
    appTallies,
    weekly: new Map(weekly.map((row) => [Number(row.key), toGroup(row)])),
    agents: withAgents ? new Map(agents.map((row) => [String(row.key), toGroup(row)])) : null,
  };
}
