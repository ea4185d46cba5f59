/**
 * `npm run bench:sync`: collector ingest over real HTTP (issue #5). Sends batches of 500 valid
 * events, one after another as the extension's outbox does, to a collector on loopback and prints
 * `figure <name> <value> <unit> (n=<samples>)` lines: throughput and p50/p95 batch latency on
 * embedded PGlite (persisted in a temporary folder, as in production), and on PostgreSQL when
 * DATABASE_URL or TEST_DATABASE_URL is set ("skipped" otherwise). On PostgreSQL it also measures
 * 1 and 2 `collector serve` processes on one schema behind a round-robin proxy, with `--senders`
 * agents uploading at once (issue #13, item 6). Target: ≥ 10,000 events/s embedded. A run that
 * measured nothing exits 1.
 *
 *   npm run bench:sync -- [--batches 60] [--batch-size 500] [--senders 4] [--ingest-only]
 *
 * The pieces are exported so that another figure (say, the extension draining a 50,000-event
 * backlog into the same collector) can reuse the collector setup and the reporting.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { API_PATHS, ingestResponseSchema } from '../contract/api';
import { createUuidV7 } from '../contract/uuidv7';
import { issueToken } from '../server/src/auth/tokens';
import { startCollector, type RunningCollector } from '../server/src/collector';
import type { Database } from '../server/src/db/database';
import { openDatabase } from '../server/src/db/open-database';
import { inspectDatabase } from '../tests/support/collector-inspector';
import { benchCredential, startCollectorFleet } from './bench/collector-fleet';
import { measureExtensionDrain } from './bench/extension-drain';

export const EMBEDDED_TARGET_EVENTS_PER_SECOND = 10_000;
const BENCH_TEAM = 'bench';
const BENCH_AGENT = 'bench-agent';
const DRAIN_EVENTS = 50_000;
const DRAIN_TARGET_SECONDS = 30;

/** The real extension in Chromium drains a backlog into an embedded collector. */
async function measureDrainOnEmbedded(events: number) {
  const bench = await startBenchCollector('embedded');
  try {
    console.error(`extension drain: ${events} queued events, real Chromium`);
    return await measureExtensionDrain({
      events,
      collectorUrl: bench.collector.url,
      token: bench.token,
      storedCount: async () =>
        (await inspectDatabase(bench.collector.db).listEventIds(BENCH_TEAM)).length,
    });
  } finally {
    await bench.dispose();
  }
}

export type BenchCollector = {
  collector: RunningCollector;
  /** An agent token of a fresh team: the enrolment token an extension starts from. */
  token: string;
  /** An install credential of that team for `BENCH_AGENT`: what events are posted with. */
  credential: string;
  /** Stops the collector and removes what the benchmark created (data folder, schema). */
  dispose(): Promise<void>;
};

/** A collector on a random loopback port with a fresh team, on PGlite or a PostgreSQL schema. */
export async function startBenchCollector(
  engine: 'embedded' | { databaseUrl: string },
): Promise<BenchCollector> {
  const rateLimit = { perSecond: 1_000_000, burst: 1_000_000 };
  if (engine === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
    const collector = await startCollector({ dataDir, log: { level: 'silent' }, rateLimit });
    const { token } = await issueToken(collector.db, { team: BENCH_TEAM, role: 'agent' });
    return {
      collector,
      token,
      credential: await benchCredential(collector.db, BENCH_TEAM, BENCH_AGENT),
      async dispose() {
        await collector.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ databaseUrl: engine.databaseUrl, schema });
  const collector = await startCollector({ db, log: { level: 'silent' }, rateLimit });
  const { token } = await issueToken(db, { team: BENCH_TEAM, role: 'agent' });
  return {
    collector,
    token,
    credential: await benchCredential(db, BENCH_TEAM, BENCH_AGENT),
    async dispose() {
      await collector.close();
      await db.close();
      const client = new pg.Client({ connectionString: engine.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

const uuid = createUuidV7();

/** `count` valid outbox events of the kind an agent produces most (interaction summaries). */
export function makeBenchEvents(count: number, now = Date.now()) {
  return Array.from({ length: count }, (_, index) => {
    const occurredAt = now - 3_600_000 + index;
    return {
      id: uuid(occurredAt),
      type: 'interaction.summary' as const,
      occurredAt,
      schemaVersion: 1 as const,
      payload: {
        app: 'zendesk',
        recordType: 'ticket',
        recordHash: randomBytes(32).toString('hex'),
        start: occurredAt - 300_000,
        end: occurredAt,
        endReason: 'closed',
        handleMs: 240_000,
        awayMs: 30_000,
        outsideMs: 30_000,
        switchCount: 7,
        inAppTabSwitches: 3,
        returns: 2,
        distinctApps: 3,
        appsUsed: ['zendesk', 'gmail', 'confluence'],
      },
    };
  });
}

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

type IngestFigures = {
  /** Batches timed: the sample count of the latency percentiles. */
  batches: number;
  eventsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  events: number;
  /** Seconds from the last answer until every event was projected into interactions. */
  projectionCatchUpSeconds: number;
  /** Events over the time to ingest and project them all: what a longer burst would sustain. */
  sustainedEventsPerSecond: number;
};

/** One agent posting: its install credential and the agent id it is bound to. */
type BenchSender = { agentId: string; credential: string };

/**
 * Sends `batches` batches of `batchSize` fresh events, each sender one batch after another as the
 * extension's outbox does (the senders at once), and times each round trip; then times how long
 * the projection into interactions takes to catch up (ingest only queues it).
 */
async function measureIngest(
  target: { url: string; senders: readonly BenchSender[]; db: Database },
  options: { batches: number; batchSize: number; warmUpBatches?: number },
): Promise<IngestFigures> {
  if (!(options.batches >= 1 && options.batchSize >= 1) || target.senders.length === 0) {
    throw new Error('nothing to measure: --batches and --batch-size must be at least 1');
  }
  /** The one place this file posts events. */
  const post = async (sender: BenchSender, events: unknown[]) => {
    const response = await fetch(`${target.url}${API_PATHS.events}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${sender.credential}`,
      },
      body: JSON.stringify({ agentId: sender.agentId, events }),
    });
    const body = ingestResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (response.status !== 200 || body.data?.stored !== events.length) {
      throw new Error(
        `batch not fully stored: HTTP ${response.status}, ${body.data?.stored ?? 'no'} stored`,
      );
    }
  };
  for (let i = 0; i < (options.warmUpBatches ?? 5); i++) {
    await post(target.senders[i % target.senders.length]!, makeBenchEvents(options.batchSize));
  }
  await inspectDatabase(target.db).projectAll();
  const queues = target.senders.map((sender, at) => ({
    sender,
    batches: Array.from(
      {
        length:
          Math.floor(options.batches / target.senders.length) +
          (at < options.batches % target.senders.length ? 1 : 0),
      },
      () => makeBenchEvents(options.batchSize),
    ),
  }));
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    queues.map(async ({ sender, batches }) => {
      for (const batch of batches) {
        const sent = performance.now();
        await post(sender, batch);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const ingested = performance.now();
  const seconds = (ingested - started) / 1000;
  await inspectDatabase(target.db).projectAll();
  const projectionCatchUpSeconds = (performance.now() - ingested) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const events = options.batches * options.batchSize;
  return {
    batches: latencies.length,
    events,
    eventsPerSecond: Math.round(events / seconds),
    p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
    projectionCatchUpSeconds: Math.round(projectionCatchUpSeconds * 100) / 100,
    sustainedEventsPerSecond: Math.round(events / (seconds + projectionCatchUpSeconds)),
  };
}

/** `figure <name> <value> <unit>`, then the samples it comes from when there are any. */
export const printFigure = (name: string, value: number | string, unit: string, samples?: string) =>
  console.log(`figure ${name} ${value} ${unit}${samples ? ` (n=${samples})` : ''}`);

function printIngestFigures(prefix: string, figures: IngestFigures | null) {
  const events = figures ? `${figures.events} events` : undefined;
  const batches = figures ? `${figures.batches} batches` : undefined;
  printFigure(`${prefix}_throughput`, figures?.eventsPerSecond ?? 'skipped', 'events/s', events);
  printFigure(`${prefix}_batch_p50`, figures?.p50Ms ?? 'skipped', 'ms', batches);
  printFigure(`${prefix}_batch_p95`, figures?.p95Ms ?? 'skipped', 'ms', batches);
  printFigure(
    `${prefix}_projection_catch_up`,
    figures?.projectionCatchUpSeconds ?? 'skipped',
    's',
    events,
  );
  printFigure(
    `${prefix}_sustained`,
    figures?.sustainedEventsPerSecond ?? 'skipped',
    'events/s',
    events,
  );
}

async function measureOn(
  engine: Parameters<typeof startBenchCollector>[0],
  options: { batches: number; batchSize: number },
) {
  const bench = await startBenchCollector(engine);
  try {
    return await measureIngest(
      {
        url: bench.collector.url,
        senders: [{ agentId: BENCH_AGENT, credential: bench.credential }],
        db: bench.collector.db,
      },
      options,
    );
  } finally {
    await bench.dispose();
  }
}

/**
 * `count` collector processes on one PostgreSQL schema behind the round-robin proxy, `senders`
 * agents uploading at once: 1 against 2 shows what a second collector adds.
 */
async function measureFleet(
  databaseUrl: string,
  count: number,
  options: { batches: number; batchSize: number; senders: number },
) {
  const fleet = await startCollectorFleet({
    databaseUrl,
    count,
    team: BENCH_TEAM,
    agentIds: Array.from({ length: options.senders }, (_, i) => `bench-agent-${i + 1}`),
  });
  try {
    const figures = await measureIngest(
      { url: fleet.url, senders: fleet.credentials, db: fleet.db },
      options,
    );
    if (Math.min(...fleet.proxy.forwarded) === 0) {
      throw new Error(`a collector took no requests: ${fleet.proxy.forwarded.join('/')}`);
    }
    return figures;
  } finally {
    await fleet.dispose();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      batches: { type: 'string' },
      'batch-size': { type: 'string' },
      'ingest-only': { type: 'boolean' },
      senders: { type: 'string' },
    },
  });
  const options = {
    batches: Number(values.batches ?? 60),
    batchSize: Number(values['batch-size'] ?? 500),
  };
  const senders = Number(values.senders ?? 4);
  console.error(`collector ingest: ${options.batches} batches of ${options.batchSize} events`);
  const embedded = await measureOn('embedded', options);
  printIngestFigures('ingest_embedded', embedded);

  const databaseUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!databaseUrl) console.error('PostgreSQL skipped: set DATABASE_URL or TEST_DATABASE_URL');
  printIngestFigures(
    'ingest_postgres',
    databaseUrl ? await measureOn({ databaseUrl }, options) : null,
  );
  if (!(senders >= 1)) throw new Error('--senders must be at least 1');
  console.error(`collector processes behind a round-robin proxy: ${senders} senders at once`);
  for (const count of [1, 2]) {
    printIngestFigures(
      `ingest_postgres_${count}_collector${count === 1 ? '' : 's'}`,
      databaseUrl ? await measureFleet(databaseUrl, count, { ...options, senders }) : null,
    );
  }

  const ok = embedded.eventsPerSecond >= EMBEDDED_TARGET_EVENTS_PER_SECOND;
  console.log(
    `budget ingest_embedded_throughput ${EMBEDDED_TARGET_EVENTS_PER_SECOND} ${ok ? 'ok' : 'EXCEEDED'}`,
  );
  if (!ok) process.exitCode = 1;
  if (values['ingest-only']) return;

  const drain = await measureDrainOnEmbedded(DRAIN_EVENTS);
  printFigure('extension_drain_50k', drain.seconds.toFixed(1), 's');
  const drainOk = drain.seconds <= DRAIN_TARGET_SECONDS;
  console.log(`budget extension_drain_50k ${DRAIN_TARGET_SECONDS} ${drainOk ? 'ok' : 'EXCEEDED'}`);
  if (!drainOk) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
