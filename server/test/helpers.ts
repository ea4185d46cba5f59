import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import type { Role } from '../../contract/api';
import { createUuidV7 } from '../../contract/uuidv7';
import { afterAll, beforeAll } from 'vitest';
import { enrolInstall } from '../src/auth/enrolment';
import { issueToken } from '../src/auth/tokens';
import { startCollector, type CollectorOptions, type RunningCollector } from '../src/collector';
import type { Database } from '../src/db/database';
import { applyMigrations } from '../src/db/migrations';
import { openPgliteClient } from '../src/db/pglite';
import { openPostgresClient } from '../src/db/postgres';
import type { SqlClient } from '../src/db/sql-client';
import { createSqlDatabase } from '../src/db/sql-database';

export type TestDatabase = {
  name: 'pglite' | 'postgres';
  /** `persistent`: PGlite in a temporary folder instead of memory, so that it can be reopened. */
  open(options?: { persistent?: boolean }): Promise<OpenedDatabase>;
};
export type OpenedDatabase = {
  db: Database;
  /** Raw SQL on the same database, for tests that inspect every table (the CX canary). */
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  reopen(): Promise<Database>;
  cleanup(): Promise<void>;
};

const POSTGRES_URL = process.env.TEST_DATABASE_URL;

/** A bare SQL client on a fresh database, no migration applied, and how to throw it away. */
export type TestSqlClient = { client: SqlClient; cleanup(): Promise<void> };

/** Drops a test's PostgreSQL schema. */
async function dropSchema(schema: string) {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}

/**
 * Bare SQL clients for suites below the repositories (migrations, the binary COPY reader): an
 * in-memory PGlite, and PostgreSQL in a schema of its own when TEST_DATABASE_URL is set.
 */
export function testSqlClients(): {
  name: 'pglite' | 'postgres';
  open(): Promise<TestSqlClient>;
}[] {
  const pglite = {
    name: 'pglite' as const,
    async open() {
      const client = await openPgliteClient();
      return { client, cleanup: () => client.close() };
    },
  };
  if (!POSTGRES_URL) return [pglite];
  const postgres = {
    name: 'postgres' as const,
    async open() {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const client = await openPostgresClient({ url: POSTGRES_URL, schema });
      return {
        client,
        async cleanup() {
          await client.close();
          await dropSchema(schema);
        },
      };
    },
  };
  return [pglite, postgres];
}

/**
 * The databases every storage-touching suite runs against: PGlite always, PostgreSQL as well when
 * TEST_DATABASE_URL is set (CI sets it). Each suite gets a fresh database: an in-memory PGlite, or
 * its own PostgreSQL schema dropped afterwards.
 */
export function testDatabases(): TestDatabase[] {
  const pglite: TestDatabase = {
    name: 'pglite',
    async open({ persistent = false } = {}) {
      const dataDir = persistent ? mkdtempSync(join(tmpdir(), 'collector-test-')) : undefined;
      let client: SqlClient;
      const open = async () => {
        client = await openPgliteClient(dataDir);
        await applyMigrations(client);
        return createSqlDatabase(client);
      };
      let db = await open();
      return {
        db,
        query: (sql) => client.query(sql),
        async reopen() {
          if (!dataDir) throw new Error('an in-memory PGlite cannot be reopened');
          db = await open();
          return db;
        },
        async cleanup() {
          await db.close().catch(() => {});
          if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
  if (!POSTGRES_URL) return [pglite];
  const postgres: TestDatabase = {
    name: 'postgres',
    async open() {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      let client: SqlClient;
      const open = async () => {
        client = await openPostgresClient({ url: POSTGRES_URL, schema });
        await applyMigrations(client);
        return createSqlDatabase(client);
      };
      let db = await open();
      return {
        db,
        query: (sql) => client.query(sql),
        async reopen() {
          db = await open();
          return db;
        },
        async cleanup() {
          await db.close().catch(() => {});
          await dropSchema(schema);
        },
      };
    },
  };
  return [pglite, postgres];
}

/**
 * A fresh `database` and a collector on it for the calling suite: opened before its first test,
 * closed after its last. Read the fields inside tests; they are set by then.
 */
export function collectorSuite(database: TestDatabase, options: Omit<CollectorOptions, 'db'> = {}) {
  const suite = {} as { opened: OpenedDatabase; collector: RunningCollector };
  beforeAll(async () => {
    suite.opened = await database.open();
    suite.collector = await startCollector({
      log: { level: 'silent' },
      ...options,
      db: suite.opened.db,
    });
  }, 30_000);
  afterAll(async () => {
    await suite.collector?.close();
    await suite.opened?.cleanup();
  });
  return suite;
}

let teamCounter = 0;
/** A team name no other test uses, so tests of one suite never see each other's rows. */
export const uniqueTeam = (prefix = 'team') =>
  `${prefix}-${process.pid}-${++teamCounter}-${randomBytes(3).toString('hex')}`;

export async function tokenFor(db: Database, team: string, role: Role = 'agent', name?: string) {
  const issued = await issueToken(db, { team, role, ...(name ? { name } : {}) });
  return issued.token;
}

/**
 * The credential of a freshly enrolled install (issue #13: only these may send events), bound to
 * `agentId` (identified mode) or to no agent (null: anonymous mode), enrolled `at`.
 */
export async function installCredentialFor(
  db: Database,
  team: string,
  agentId: string | null,
  // A week ago by default: reports and adapter health take a browser from the week of its first
  // enrolment on, so what a test sends dated just before a Monday still counts.
  at = new Date(Date.now() - 7 * 86_400_000),
) {
  await db.ensureTeam(team);
  const enrolled = await enrolInstall(db, {
    team,
    enrolmentTokenName: 'test enrolment',
    request:
      agentId === null
        ? { installId: randomUUID(), identityMode: 'anonymous' }
        : { installId: randomUUID(), identityMode: 'identified', agentId },
    at,
  });
  return enrolled.credential;
}

const uuid = createUuidV7();

/** A valid `app.hourly` event that occurred `agoMs` before `now`. */
export function makeEvent(now = Date.now(), agoMs = 60_000) {
  const occurredAt = now - agoMs;
  return {
    id: uuid(occurredAt),
    type: 'app.hourly' as const,
    occurredAt,
    schemaVersion: 1 as const,
    payload: { hourStart: occurredAt - (occurredAt % 3_600_000), app: 'zendesk', ms: 12_000 },
  };
}

export type TestResponse = {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
};

export type TestRequest = {
  method?: string;
  token?: string;
  /** Serialised as JSON unless it is a string or Buffer. */
  body?: unknown;
  headers?: Record<string, string>;
  gzip?: boolean;
  timeoutMs?: number;
  /** The client's address (any of 127.0.0.0/8 reaches a collector on 127.0.0.1). */
  localAddress?: string;
};

/** One real HTTP request with full control of headers and bytes (fetch would tidy them up). */
export function send(
  baseUrl: string,
  path: string,
  options: TestRequest = {},
): Promise<TestResponse> {
  let body: Buffer | undefined;
  if (options.body !== undefined) {
    body = Buffer.isBuffer(options.body)
      ? options.body
      : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
    if (options.gzip) body = gzipSync(body);
  }
  const headers: Record<string, string> = {
    ...(body ? { 'content-type': 'application/json' } : {}),
    ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(body ? { 'content-length': String(body.length) } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers,
        agent: false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export const ingest = (
  baseUrl: string,
  token: string,
  events: unknown[],
  agentId: string | null = 'agent-1',
) => send(baseUrl, '/v1/events', { token, body: { agentId, events } });
