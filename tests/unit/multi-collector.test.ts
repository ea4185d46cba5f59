import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { API_PATHS } from '../../contract/api';
import type { OutboxEvent } from '../../contract/events';
import { isoWeekIndex, isoWeekLabel, isoWeekStart } from '../../contract/iso-week';
import { reportSchema } from '../../contract/report';
import { createRandom } from '../../contract/seeded-random';
import { createUuidV7 } from '../../contract/uuidv7';
import { startCollector } from '../../server/src/collector';
import type { Database } from '../../server/src/db/database';
import { openDatabase } from '../../server/src/db/open-database';
import { installCredentialFor, send, tokenFor } from '../../server/test/helpers';
import { inspectDatabase } from '../support/collector-inspector';
import {
  collectorProcess,
  withSearchPath,
  type CollectorProcess,
} from '../support/collector-process';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy';
import { emptyTally, sendUntilAcked, type SendTally } from '../support/retrying-sender';

// Issue #13, item 6: N stateless collectors behind a load balancer on one PostgreSQL. Two
// `collector serve` processes share one schema behind a round-robin proxy; ten agents upload
// 10,000 interaction summaries with the extension's own retry policy while one collector is
// killed with SIGKILL mid-stream and started again. Nothing may be lost or stored twice, the
// collectors' projectors must finish the projection, and the report must be the one a single
// collector gives for the same events.

const POSTGRES_URL = process.env.TEST_DATABASE_URL;
if (!POSTGRES_URL) {
  console.warn('multi-collector test skipped: it needs PostgreSQL, set TEST_DATABASE_URL');
}

const SEED = 20_261_206;
const AGENTS = 10;
const EVENTS_PER_AGENT = 1_000;
const BATCH_SIZE = 50;
/** Acked batches (of 200) before collector 1 is killed: in the middle of the stream. */
const KILL_AFTER_BATCHES = 70;
const BACKOFF_CAP_MS = 5_000;

type Summary = Extract<OutboxEvent, { type: 'interaction.summary' }>;

/** Each agent's interaction summaries, spread over the three weeks before this one. */
function makeAgentEvents(now: number): Map<string, Summary[]> {
  const random = createRandom(SEED);
  const uuid = createUuidV7((bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(0, 255);
    return bytes;
  });
  const from = isoWeekStart(isoWeekIndex(now) - 3);
  const span = isoWeekStart(isoWeekIndex(now)) - from;
  const apps = ['zendesk', 'salesforce', 'gmail', 'confluence', 'slack'];
  const agents = new Map<string, Summary[]>();
  for (let agent = 1; agent <= AGENTS; agent++) {
    const ends = Array.from({ length: EVENTS_PER_AGENT }, () => from + random.int(3_600_000, span));
    ends.sort((a, b) => a - b);
    agents.set(
      `agent-${agent}`,
      ends.map((end) => {
        const handleMs = random.int(30_000, 1_800_000);
        const app = random.pick(apps);
        const awayMs = random.int(0, Math.floor(handleMs / 3));
        const outsideMs = random.int(0, 60_000);
        return {
          id: uuid(end),
          type: 'interaction.summary',
          occurredAt: end,
          schemaVersion: 1,
          payload: {
            app,
            recordType: 'ticket',
            recordHash: randomHex(random, 64),
            start: end - handleMs - awayMs - outsideMs,
            end,
            endReason: 'closed',
            handleMs,
            awayMs,
            outsideMs,
            switchCount: random.int(0, 40),
            inAppTabSwitches: random.int(0, 10),
            returns: random.int(0, 10),
            distinctApps: 2,
            appsUsed: [app, random.pick(apps.filter((other) => other !== app))],
          },
        };
      }),
    );
  }
  return agents;
}

function randomHex(random: ReturnType<typeof createRandom>, length: number) {
  return Array.from({ length }, () => random.int(0, 15).toString(16)).join('');
}

/** A fresh schema on the test PostgreSQL, migrated, with the team's agents and a supervisor. */
async function openTeam(url: string, team: string, agentIds: readonly string[]) {
  const schema = `multi_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ databaseUrl: url, schema });
  const credentials = new Map<string, string>();
  // Enrolled before the weeks their summaries fall in: reports take a browser from the week of
  // its first enrolment on.
  const enrolled = new Date(isoWeekStart(isoWeekIndex(Date.now()) - 4));
  for (const agentId of agentIds) {
    credentials.set(agentId, await installCredentialFor(db, team, agentId, enrolled));
  }
  const supervisor = await tokenFor(db, team, 'supervisor');
  return { schema, db, credentials, supervisor };
}

/** Every agent uploads its events in order, one batch at a time, all agents at once. */
async function uploadAll(options: {
  url: string;
  agents: Map<string, Summary[]>;
  credentials: Map<string, string>;
  tally: SendTally;
  onBatchAcked?: (acked: number) => void;
}) {
  const random = createRandom(SEED + 1);
  const answeredStored: string[] = [];
  let acked = 0;
  await Promise.all(
    [...options.agents].map(async ([agentId, events]) => {
      /** The one place this file posts events: the agent's install credential. */
      const sender = {
        url: options.url,
        credential: options.credentials.get(agentId)!,
        agentId,
        backoffCapMs: BACKOFF_CAP_MS,
        random: random.next,
        tally: options.tally,
      };
      for (let start = 0; start < events.length; start += BATCH_SIZE) {
        answeredStored.push(
          ...(await sendUntilAcked(sender, events.slice(start, start + BATCH_SIZE))),
        );
        options.onBatchAcked?.(++acked);
      }
    }),
  );
  return answeredStored;
}

async function reportOf(url: string, supervisor: string, now: number) {
  const week = isoWeekIndex(now);
  const answer = await send(
    url,
    `${API_PATHS.reports}?from=${isoWeekLabel(week - 4)}&to=${isoWeekLabel(week - 1)}`,
    { token: supervisor, timeoutMs: 30_000 },
  );
  expect(answer.status, answer.text.slice(0, 300)).toBe(200);
  return reportSchema.parse(answer.json);
}

async function countOf(db: Database, sql: string, params: unknown[] = []) {
  const { rows } = await db.sql.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}

describe.skipIf(!POSTGRES_URL)('two collector processes on one PostgreSQL', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('loses nothing and stores nothing twice when one is killed mid-stream, and reports as one collector does', async () => {
    const url = POSTGRES_URL!;
    const now = Date.now();
    const team = 'multi-collector';
    const agents = makeAgentEvents(now);
    const allIds = [...agents.values()].flat().map((event) => event.id);
    const dropSchema = (schema: string) => async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    };

    // Two collectors on one schema, behind the proxy.
    const shared = await openTeam(url, team, [...agents.keys()]);
    cleanups.push(dropSchema(shared.schema), () => shared.db.close());
    const collectors: CollectorProcess[] = [];
    for (let i = 0; i < 2; i++) {
      const collector = await collectorProcess({
        databaseUrl: withSearchPath(url, shared.schema),
      });
      cleanups.push(() => collector.kill('SIGKILL'));
      collectors.push(collector);
    }
    await Promise.all(collectors.map((collector) => collector.start()));
    const proxy: RoundRobinProxy = await startRoundRobinProxy(collectors.map((c) => c.url));
    cleanups.push(() => proxy.close());

    const tally = emptyTally();
    let restart: Promise<void> | undefined;
    let restartedInMs = 0;
    let killedWithInFlight = 0;
    const started = performance.now();
    const answeredStored = await uploadAll({
      url: proxy.url,
      agents,
      credentials: shared.credentials,
      tally,
      onBatchAcked: (acked) => {
        if (acked !== KILL_AFTER_BATCHES) return;
        restart = (async () => {
          // Mid-request: wait until the proxy holds a request on collector 1.
          while (proxy.inFlight[0] === 0) await new Promise((resolve) => setImmediate(resolve));
          killedWithInFlight = proxy.inFlight[0]!;
          const killedAt = performance.now();
          await collectors[0]!.kill('SIGKILL');
          await new Promise((resolve) => setTimeout(resolve, 500));
          await collectors[0]!.start();
          restartedInMs = Math.round(performance.now() - killedAt);
        })();
      },
    });
    await restart;
    const uploadSeconds = (performance.now() - started) / 1000;

    // The collectors' own projectors finish the projection: nobody else projects here.
    const deadline = Date.now() + 60_000;
    while ((await countOf(shared.db, 'SELECT count(*)::integer AS n FROM projection_queue')) > 0) {
      if (Date.now() > deadline) throw new Error('projection did not finish within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const storedIds = await inspectDatabase(shared.db).listEventIds(team);
    const storedSet = new Set(storedIds);
    const lost = allIds.filter((id) => !storedSet.has(id)).length;
    const rows = await countOf(shared.db, 'SELECT count(*)::integer AS n FROM events');
    const duplicated = rows - storedSet.size;
    const interactions = await countOf(
      shared.db,
      'SELECT count(*)::integer AS n FROM interactions WHERE team = $1',
      [team],
    );
    const answeredTwice = answeredStored.length - new Set(answeredStored).size;
    console.log(
      `multi-collector on postgres: sent ${allIds.length} events in ${tally.batches} batches by ${AGENTS} agents ` +
        `in ${uploadSeconds.toFixed(1)} s; ${tally.attempts} attempts, ${tally.retries} retries ` +
        `(${JSON.stringify(tally.byStatus)} by status, ${tally.networkErrors} network errors); ` +
        `stored ${storedSet.size}, answered stored ${answeredStored.length}, duplicates answered ${tally.duplicates}; ` +
        `lost ${lost}, duplicated ${duplicated}; interactions ${interactions}; ` +
        `proxy forwarded ${proxy.forwarded.join('/')} (${proxy.badGateway} bad gateway); ` +
        `collector 1 killed with SIGKILL after ${KILL_AFTER_BATCHES} acked batches with ${killedWithInFlight} request(s) in flight, listening again ${restartedInMs} ms later`,
    );

    expect(restartedInMs).toBeGreaterThan(0);
    expect(killedWithInFlight).toBeGreaterThan(0);
    expect(collectors.every((collector) => collector.running)).toBe(true);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(storedIds).toEqual([...allIds].sort());
    // Each event was answered `stored` at most once; the rest of the acks were duplicates of
    // batches whose answer the kill cut off.
    expect(answeredTwice).toBe(0);
    expect(answeredStored.length + tally.duplicates).toBeGreaterThanOrEqual(allIds.length);
    expect(interactions).toBe(allIds.length);
    expect(await shared.db.listQuarantine()).toEqual([]);
    // Both collectors took requests (round robin), and the kill cost retries.
    expect(Math.min(...proxy.forwarded)).toBeGreaterThan(0);
    expect(tally.retries).toBeGreaterThan(0);

    // The same events through one in-process collector on a schema of its own.
    const single = await openTeam(url, team, [...agents.keys()]);
    cleanups.push(dropSchema(single.schema), () => single.db.close());
    const alone = await startCollector({
      db: single.db,
      log: { level: 'silent' },
      rateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
    });
    cleanups.push(() => alone.close());
    const singleTally = emptyTally();
    await uploadAll({
      url: alone.url,
      agents,
      credentials: single.credentials,
      tally: singleTally,
    });
    expect(singleTally.retries).toBe(0);

    const [multiReport, singleReport] = [
      await reportOf(proxy.url, shared.supervisor, now),
      await reportOf(alone.url, single.supervisor, now),
    ];
    expect(multiReport.n.interactions).toBe(allIds.length);
    expect(multiReport).toEqual(singleReport);
  }, 170_000);
});
