import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CxScore, Database, InteractionRow } from '../src/db/database';
import { applyMigrations } from '../src/db/migrations';
import { loadReportColumns } from '../src/db/report-columns-sql';
import { sqlLiteral, type SqlClient } from '../src/db/sql-client';
import { openPostgresClient } from '../src/db/postgres';
import { createSqlDatabase } from '../src/db/sql-database';
import {
  toReportColumns,
  type ListColumn,
  type ReportColumns,
} from '../src/reports/report-columns';
import { testSqlClients, uniqueTeam } from './helpers';
import { inspectDatabase } from '../../tests/support/collector-inspector';

// loadReportColumns must give the same rows as the row path (toReportColumns of loadReportRows),
// on both engines, whatever the ids, lists, nulls and chunking; and copyBinary must leave its
// connection usable after every way a COPY can end.

type Opened = { client: SqlClient; db: Database; cleanup(): Promise<void> };
const engines = testSqlClients().map(({ name, open }) => ({
  name,
  async open(): Promise<Opened> {
    const { client, cleanup } = await open();
    await applyMigrations(client);
    return { client, db: createSqlDatabase(client), cleanup };
  },
}));

const listAt = (list: ListColumn, row: number) =>
  Array.from(list.items.subarray(list.start[row], list.start[row + 1]));

/** Every row decoded to its ids and values, sorted: columns compare modulo row order. */
function decodedRows(columns: ReportColumns) {
  const { length } = columns;
  for (const key of [
    'agent',
    'app',
    'occurredAt',
    'handleMs',
    'awayMs',
    'switchCount',
    'effortScore',
    'effortScale',
    'csat',
  ] as const) {
    expect(columns[key].length, key).toBe(length);
  }
  for (const list of [columns.awayApps, columns.reasons]) {
    expect(list.start.length).toBe(length + 1);
    expect(list.start[0]).toBe(0);
    expect(list.start[length]).toBe(list.items.length);
  }
  // Each anonymous person is a null of its own; named ones and other ids appear once.
  const named = columns.agentIds.filter((agentId) => agentId !== null);
  for (const ids of [named, columns.appIds, columns.reasonIds]) {
    expect(new Set(ids).size).toBe(ids.length);
  }
  const id = <T>(ids: readonly T[], at: number) => {
    expect(at).toBeLessThan(ids.length);
    return ids[at];
  };
  // Who a row counts for and which rating it carries are dense ids that differ between the two
  // paths; the sizes of the groups they make do not.
  const groupSizes = (ids: ArrayLike<number>) => {
    const counts = new Map<number, number>();
    for (let i = 0; i < length; i++) counts.set(ids[i]!, (counts.get(ids[i]!) ?? 0) + 1);
    return (at: number) => (ids[at] === -1 ? 0 : counts.get(ids[at]!)!);
  };
  const personRows = groupSizes(columns.agent);
  const ratingRows = groupSizes(columns.rating ?? new Int32Array(length).fill(-1));
  return Array.from({ length }, (_, i) =>
    JSON.stringify([
      id(columns.agentIds, columns.agent[i]!),
      personRows(i),
      ratingRows(i),
      id(columns.appIds, columns.app[i]!),
      columns.occurredAt[i],
      columns.handleMs[i],
      columns.awayMs[i],
      columns.switchCount[i],
      columns.effortScore[i],
      columns.effortScale[i],
      columns.csat[i],
      listAt(columns.awayApps, i).map((at) => id(columns.appIds, at)),
      listAt(columns.reasons, i).map((at) => id(columns.reasonIds, at)),
    ]),
  ).sort();
}

async function expectSameAsRows(
  db: Database,
  columns: ReportColumns,
  team: string,
  fromMs: number,
  toMs: number,
) {
  const expected = toReportColumns(await inspectDatabase(db).loadReportRows(team, fromMs, toMs));
  expect(columns.team).toBe(expected.team);
  expect(columns.length).toBe(expected.length);
  expect(decodedRows(columns)).toEqual(decodedRows(expected));
}

/** The same client, its COPY output cut into pieces of `size` bytes. */
const chunked = (client: SqlClient, size: number): SqlClient => ({
  ...client,
  copyBinary: (copies) =>
    client.copyBinary(
      copies.map(({ query, onData }) => ({
        query,
        onData: (chunk) => {
          for (let at = 0; at < chunk.length; at += size) onData(chunk.subarray(at, at + size));
        },
      })),
    ),
});

const T0 = Date.UTC(2026, 8, 7, 9);
const FROM = T0 - 3_600_000;
const TO = T0 + 86_400_000;

const row = (overrides: Partial<InteractionRow> & { end: number }): InteractionRow => ({
  agentId: 'agent-1',
  app: 'zendesk',
  recordHash: null,
  start: overrides.end - 60_000,
  handleMs: 60_000,
  awayMs: 5_000,
  switchCount: 2,
  appsUsed: ['zendesk', 'gmail'],
  effortScore: null,
  effortScale: null,
  reasons: [],
  ...overrides,
});

const ROWS: InteractionRow[] = [
  row({
    end: T0,
    agentId: null,
    install: 'install-anonymous-1',
    recordHash: 'h-rated',
    effortScore: 4,
    effortScale: '1-5',
  }),
  row({
    end: T0 + 1_001,
    agentId: 'agent-é 😀',
    app: 'salesforce',
    appsUsed: ['salesforce', 'gmail', 'slack', 'gmail', 'salesforce'],
    effortScore: 6,
    effortScale: 'ces-7',
    reasons: ['too-many-tools', 'réseau lent', 'slow-system'],
  }),
  row({ end: T0 + 2_002, appsUsed: [], reasons: ['too-many-tools'], recordHash: 'h-rated' }),
  row({ end: T0 + 3_003, appsUsed: ['zendesk'], effortScore: 3, effortScale: null }),
  row({ end: T0 + 4_004, handleMs: 2 ** 40 + 3, awayMs: 0, switchCount: 0, agentId: null }),
  row({ end: T0 + 5_005, agentId: null, install: 'install-anonymous-2', recordHash: 'h-rated' }),
  row({ end: T0 + 6_006, agentId: null, install: 'install-anonymous-1' }),
  row({ end: FROM, agentId: 'agent-2', recordHash: 'h-low', effortScore: 1, effortScale: '1-5' }),
  row({ end: TO - 1, agentId: 'agent-2', app: 'gmail', appsUsed: ['gmail', 'zendesk'] }),
  // Outside the period: just before it, and at its (exclusive) end.
  row({ end: FROM - 1, agentId: 'agent-outside', app: 'outside-app' }),
  row({ end: TO, agentId: 'agent-outside', reasons: ['outside-reason'] }),
];

const score = (recordHash: string, value: number): CxScore => ({
  recordHash,
  app: 'zendesk',
  metric: 'csat',
  source: 'import',
  score: value,
  scale: '1-5',
  observedAt: new Date(T0),
});

describe.each(engines)('loadReportColumns on $name', (engine) => {
  let opened: Opened;
  let team: string;
  const bigTeam = uniqueTeam('big');
  const BIG_ROWS = 70_000;

  beforeAll(async () => {
    opened = await engine.open();
    // A quote and a backslash: the team travels as a literal, COPY takes no parameters.
    team = uniqueTeam("o'brien\\team");
    const other = uniqueTeam('other');
    for (const id of [team, other, bigTeam]) await opened.db.ensureTeam(id);
    await inspectDatabase(opened.db).insertInteractions(team, ROWS);
    await inspectDatabase(opened.db).insertInteractions(other, ROWS.slice(0, 3));
    await opened.db.upsertCxScores(team, [score('h-rated', 2), score('h-low', 5)]);
    // More rows than a reader block, written by SQL for speed; away_apps is awayTargets.
    await opened.client.query(
      `INSERT INTO interactions (team, interaction_key, agent_id, app, record_hash, ended_at,
         handle_ms, away_ms, switch_count, apps_used, effort_score, effort_scale, reasons,
         away_apps, csat)
       SELECT $1, 'k' || i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'agent-' || (i % 50) END,
         'app-' || (i % 3), NULL, to_timestamp(($2::bigint + i * 1000) / 1000.0), i * 37, i % 1000,
         i % 5, ARRAY['app-' || (i % 3), 'app-' || (i % 4)],
         CASE WHEN i % 3 = 0 THEN i % 5 + 1 END, CASE WHEN i % 3 = 0 THEN '1-5' END,
         CASE WHEN i % 4 = 0 THEN ARRAY['r' || (i % 6), 'r' || (i % 5)] ELSE '{}' END,
         ARRAY['app-' || CASE WHEN i % 4 <> i % 3 THEN i % 4 ELSE i % 3 END],
         CASE WHEN i % 2 = 0 THEN i % 5 + 1 END
       FROM generate_series(1, $3) AS i`,
      [bigTeam, T0, BIG_ROWS],
    );
  }, 60_000);
  afterAll(() => opened.cleanup());

  it('gives the rows of loadReportRows: nulls, lists, both scales, CSAT, period bounds', async () => {
    const columns = await opened.db.loadReportColumns(team, FROM, TO);
    expect(columns.length).toBe(9);
    expect(columns.agentIds).toContain(null);
    expect(columns.agentIds).not.toContain('agent-outside');
    expect(columns.reasonIds).not.toContain('outside-reason');
    await expectSameAsRows(opened.db, columns, team, FROM, TO);
  });

  it("counts anonymous agents by install without naming them, and a ticket's shared CSAT once", async () => {
    const columns = await opened.db.loadReportColumns(team, FROM, TO);
    // agent-1, agent-é 😀, agent-2, two installs, and the rows with neither as one unknown person.
    expect(new Set(columns.agent).size).toBe(6);
    expect(columns.agentIds.filter((id) => id !== null).sort()).toEqual(
      ['agent-1', 'agent-2', 'agent-é 😀'].sort(),
    );
    expect(columns.agentIds.join()).not.toContain('install');
    // Three interactions of ticket h-rated share its one CSAT; h-low's is a second rating.
    const ratings = Array.from(columns.rating!).filter((rating) => rating >= 0);
    expect(ratings).toHaveLength(4);
    expect(new Set(ratings).size).toBe(2);
  });

  it('gives no rows, and no team, for an empty period', async () => {
    const columns = await opened.db.loadReportColumns(team, TO + 1, TO + 2);
    expect(columns).toMatchObject({ team: null, length: 0, agentIds: [] });
    await expectSameAsRows(opened.db, columns, team, TO + 1, TO + 2);
  });

  it('reads output cut anywhere, even inside a header or a field', async () => {
    for (const size of [1, 2, 3, 7, 64]) {
      const columns = await loadReportColumns(chunked(opened.client, size), team, FROM, TO);
      await expectSameAsRows(opened.db, columns, team, FROM, TO);
    }
  });

  it('reads more rows than a block, in one stream or several', async () => {
    const to = T0 + (BIG_ROWS + 1) * 1000;
    for (const streams of [1, 3]) {
      const columns = await loadReportColumns(opened.client, bigTeam, T0, to, streams);
      expect(columns.length).toBe(BIG_ROWS);
      await expectSameAsRows(opened.db, columns, bigTeam, T0, to);
    }
  }, 60_000);
});

describe.each(engines)('copyBinary and sqlLiteral on $name', (engine) => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await engine.open();
  });
  afterAll(() => opened.cleanup());

  it('hands over the binary COPY format', async () => {
    const chunks: Uint8Array[] = [];
    await opened.client.copyBinary([
      { query: 'SELECT 1::int4', onData: (chunk) => chunks.push(chunk.slice()) },
    ]);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    // Header (19 bytes), one tuple of one int4 field (2 + 4 + 4), trailer (2).
    expect(bytes.length).toBe(19 + 10 + 2);
    expect(bytes.readInt32BE(25)).toBe(1);
  });

  it('fails on a bad query and on a throwing reader, and the client works afterwards', async () => {
    await expect(
      opened.client.copyBinary([{ query: 'SELECT no_such_column', onData: () => {} }]),
    ).rejects.toThrow(/no_such_column/);
    await expect(
      opened.client.copyBinary([
        {
          query: 'SELECT i FROM generate_series(1, 50000) AS i',
          onData: () => {
            throw new Error('reader gave up');
          },
        },
      ]),
    ).rejects.toThrow('reader gave up');
    for (let i = 0; i < 12; i++) {
      expect((await opened.client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([
        { one: 1 },
      ]);
    }
  });

  it('writes literals that read back as the same values', async () => {
    const texts = ["it's", 'back\\slash', "\\'", 'é😀', ''];
    for (const text of texts) {
      const { rows } = await opened.client.query<{ v: string }>(`SELECT ${sqlLiteral(text)} AS v`);
      expect(rows[0]!.v).toBe(text);
    }
    const { rows } = await opened.client.query<{ v: number }>(
      `SELECT (${sqlLiteral(-1.5)} - ${sqlLiteral(1e21)})::float8 AS v`,
    );
    expect(rows[0]!.v).toBe(-1.5 - 1e21);
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral('a\0b')).toThrow();
  });
});

const POSTGRES_URL = process.env.TEST_DATABASE_URL;

// A report reads its table in two copies at once, each on a connection of its own. Gathered one by
// one, a pool of one (TOUCHPOINT_DB_POOL_MAX=1) or as many reports at once as the pool's size each
// held one connection and waited for ever for a second, and every request after them with them.
describe.skipIf(!POSTGRES_URL)('copyBinary on a small PostgreSQL pool', () => {
  const twoCopies = (rows: number[]) =>
    [1, 2].map((part) => ({
      query: `SELECT i FROM generate_series(1, ${part * 1000}) AS i`,
      onData: (chunk: Uint8Array) => rows.push(chunk.length),
    }));
  const within = <T>(work: Promise<T>, ms: number) =>
    Promise.race([
      work,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms),
      ),
    ]);

  for (const { pool, reports } of [
    { pool: 1, reports: 1 },
    { pool: 2, reports: 4 },
  ]) {
    it(`reads ${reports} two-copy report(s) at once on a pool of ${pool}, then answers queries`, async () => {
      const client = await openPostgresClient({ url: POSTGRES_URL!, maxConnections: pool });
      try {
        const read = Array.from({ length: reports }, () => [] as number[]);
        await within(Promise.all(read.map((rows) => client.copyBinary(twoCopies(rows)))), 10_000);
        for (const rows of read) expect(rows.length).toBeGreaterThan(0);
        expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await client.close();
      }
    }, 20_000);
  }
});
