#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ROLES } from '../../contract/api';
import { describeIssues } from '../../contract/validation';
import { issueToken, teamIdSchema, tokenNameSchema } from './auth/tokens';
import { startCollector } from './collector';
import type { Database } from './db/database';
import type { QuarantineSelection } from './db/events-repository';
import { openDatabase } from './db/open-database';
import { ConfigError, resolveServeConfig, SETTING_NAMES, type ServeConfig } from './config';
import { tabRow } from './tab-row';
import { applyMigrations, LATEST_MIGRATION, MIGRATIONS, pendingMigrations } from './db/migrations';

const USAGE = `Touchpoint collector

  npm run collector -- serve [--port 5400] [--host 127.0.0.1] [--data .data/collector] [--log-level info]
                             [--metrics-port P] [--metrics-host 127.0.0.1] [--migrate false] [--db-pool-max 10]
                             [--database-url URL] [--trust-proxy 127.0.0.1,10.0.0.0/8]
  npm run collector -- migrate
  npm run collector -- token create --team T --role agent|supervisor|admin [--name N]
  npm run collector -- token list --team T
  npm run collector -- token revoke --id ID
  npm run collector -- installs list --team T
  npm run collector -- installs revoke --team T --id INSTALL
  npm run collector -- team show --team T
  npm run collector -- team rotate-webhook-secret --team T
  npm run collector -- quarantine list [--team T]
  npm run collector -- quarantine retry|drop [--team T] [--id EVENT_ID]   (every team's, all of them, without)

Compiled (npm run build:collector): node server/dist/server/src/cli.js <command> …
Every serve setting also reads an environment variable (TOUCHPOINT_PORT, DATABASE_URL, …;
the table is in docs/collector.md, "Configuration"); a flag wins over its variable.
Storage: PostgreSQL when DATABASE_URL (or --database-url) is set, otherwise embedded PGlite in --data.
An agent token is the team's enrolment token: each browser install trades it once for a
credential of its own, bound to one agent (docs/collector.md, "Enrolment"); only those may send events.
PGlite allows one process per data folder: run token and team commands while serve is stopped.
Demo team and demo data: npm start, or npm run demo:data (demo/seed-collector.ts).`;

const optionsSchema = z.object({
  team: teamIdSchema.optional(),
  role: z.enum(ROLES).optional(),
  name: tokenNameSchema.optional(),
  id: z.string().min(1).max(100).optional(),
});
type Options = z.infer<typeof optionsSchema>;

class UsageError extends Error {}

function need<K extends 'team' | 'role' | 'id'>(options: Options, key: K): NonNullable<Options[K]> {
  const value = options[key];
  if (value === undefined) throw new UsageError(`--${key} is required`);
  return value as NonNullable<Options[K]>;
}

/** The quarantined events a retry or drop names: the team's and the id's, when given. */
function quarantineSelection({ team, id }: Options): QuarantineSelection {
  if (id !== undefined && !z.uuid().safeParse(id).success) {
    throw new UsageError(`--id: "${id}" is not an event id (a UUID, as quarantine list shows)`);
  }
  return { team, eventIds: id === undefined ? undefined : [id] };
}

const storageOf = (config: ServeConfig) =>
  config['database-url'] ? { databaseUrl: config['database-url'] } : { dataDir: config.data };

async function withDatabase<T>(
  config: ServeConfig,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({ ...storageOf(config), migrate: config.migrate });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const print = (rows: [string, string][]) => {
  for (const [key, value] of rows) console.log(`${key.padEnd(18)}${value}`);
};

async function serve(config: ServeConfig) {
  const collector = await startCollector({
    port: config.port,
    host: config.host,
    ...storageOf(config),
    maxConnections: config['db-pool-max'],
    migrate: config.migrate,
    ...(config['trust-proxy'] ? { trustProxy: config['trust-proxy'] } : {}),
    ...(config['metrics-port'] !== undefined
      ? { metrics: { port: config['metrics-port'], host: config['metrics-host'] } }
      : {}),
    log: { level: config['log-level'] },
  });
  const stop = (signal: string) => {
    collector.log.info('shutting down', { signal });
    collector.close().then(
      () => process.exit(0),
      (error: unknown) => {
        collector.log.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function run(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...Object.fromEntries(SETTING_NAMES.map((name) => [name, { type: 'string' as const }])),
      team: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  const {
    help: _help,
    team,
    role,
    name,
    id,
    ...settings
  } = values as Record<string, string | undefined>;
  const parsed = optionsSchema.safeParse({ team, role, name, id });
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error, 5));
  const options = parsed.data;
  const config = resolveServeConfig(process.env, settings);
  const command = positionals.join(' ');

  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return withDatabase({ ...config, migrate: false }, async (db) => {
        const before = await pendingMigrations(db.sql);
        const added = await applyMigrations(db.sql);
        if (added.length === 0) console.log(`schema up to date at version ${LATEST_MIGRATION}`);
        for (const version of added) {
          const migration = MIGRATIONS.find((candidate) => candidate.version === version)!;
          console.log(`applied ${version}: ${migration.name}`);
        }
        if (before.length !== added.length) {
          // Another collector migrated meanwhile: fine, the advisory lock kept them apart.
          console.error(`${before.length - added.length} migration(s) applied by another process`);
        }
      });
    case 'token create':
      return withDatabase(config, async (db) => {
        const issued = await issueToken(db, {
          team: need(options, 'team'),
          role: need(options, 'role'),
          ...(options.name ? { name: options.name } : {}),
        });
        print([
          ['token', issued.token],
          ['id', issued.record.id],
          ['team', `${issued.record.team}${issued.teamCreated ? ' (new team)' : ''}`],
          ['role', issued.record.role],
          ['name', issued.record.name],
        ]);
        console.error('Copy the token now: only its SHA-256 hash is stored.');
      });
    case 'token list':
      return withDatabase(config, async (db) => {
        const tokens = await db.listTokens(need(options, 'team'));
        if (tokens.length === 0) console.error('no tokens for this team');
        for (const token of tokens) {
          const state = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : 'active';
          console.log(
            tabRow([token.id, token.role, token.name, token.createdAt.toISOString(), state]),
          );
        }
      });
    case 'token revoke':
      return withDatabase(config, async (db) => {
        const id = need(options, 'id');
        if (!(await db.revokeToken(id, new Date()))) {
          throw new UsageError(`no active token with id ${id}`);
        }
        console.log(`revoked ${id}`);
      });
    case 'installs list':
      return withDatabase(config, async (db) => {
        const installs = await db.listInstalls(need(options, 'team'));
        if (installs.length === 0) console.error('no installs have enrolled in this team');
        for (const install of installs) {
          const state = install.revokedAt
            ? `revoked ${install.revokedAt.toISOString()} by ${install.revokedBy}`
            : 'active';
          console.log(
            tabRow([
              install.id,
              install.identityMode,
              install.agentId ?? '-',
              `enrolled ${install.enrolledAt.toISOString()} with ${install.enrolledWith}`,
              state,
            ]),
          );
        }
      });
    case 'installs revoke':
      return withDatabase(config, async (db) => {
        const id = need(options, 'id');
        const revoked = await db.revokeInstall(need(options, 'team'), id, 'cli', new Date());
        if (!revoked) throw new UsageError(`no active install ${id} in team ${options.team}`);
        console.log(
          `revoked ${id}: it may enrol again while the team's enrolment token is active; revoke that token to lock it out`,
        );
      });
    case 'team show':
      return withDatabase(config, async (db) => {
        const team = await db.getTeam(need(options, 'team'));
        if (!team) throw new UsageError(`no team ${options.team}; "token create" creates it`);
        const tokens = await db.listTokens(team.id);
        print([
          ['team', team.id],
          ['created', team.createdAt.toISOString()],
          ['tokens', String(tokens.filter((token) => !token.revokedAt).length) + ' active'],
          // For managed policy: the extension hashes record ids with it before upload.
          ['recordHashSecret', team.hashSecret],
          // For the CRM webhook: X-Touchpoint-Webhook-Secret (docs/collector.md, "CX data and reports").
          ['webhookSecret', (await db.getWebhookSecret(team.id))!],
        ]);
      });
    case 'team rotate-webhook-secret':
      return withDatabase(config, async (db) => {
        const team = need(options, 'team');
        if (!(await db.getTeam(team))) throw new UsageError(`no team ${team}`);
        print([['webhookSecret', await db.rotateWebhookSecret(team)]]);
        console.error('The old secret no longer works: update the CRM webhook.');
      });
    case 'quarantine list':
      return withDatabase(config, async (db) => {
        const quarantined = await db.listQuarantine(options.team);
        if (quarantined.length === 0) console.error('no quarantined events');
        for (const entry of quarantined) {
          console.log(
            tabRow([entry.quarantinedAt.toISOString(), entry.team, entry.eventId, entry.error]),
          );
        }
      });
    case 'quarantine retry': {
      const which = quarantineSelection(options);
      return withDatabase(config, async (db) => {
        const count = await db.retryQuarantined(which);
        console.log(`queued ${count} event(s) for projection again`);
      });
    }
    case 'quarantine drop': {
      const which = quarantineSelection(options);
      return withDatabase(config, async (db) => {
        const count = await db.dropQuarantined(which);
        console.log(
          `dropped ${count} quarantine entr${count === 1 ? 'y' : 'ies'} (the events stay stored)`,
        );
      });
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof z.ZodError) {
    const message =
      error instanceof z.ZodError ? describeIssues(error, 5) : (error as Error).message;
    console.error(`collector: ${message}`);
    process.exit(2);
  }
  console.error(`collector: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
