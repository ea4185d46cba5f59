import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API_PATHS,
  enrolResponseSchema,
  healthSchema,
  ingestResponseSchema,
} from '../../contract/api';
import { startCollector } from '../src/collector';
import type { Database } from '../src/db/database';
import {
  ingest,
  installCredentialFor,
  makeEvent,
  send,
  testDatabases,
  uniqueTeam,
} from './helpers';
import { inspectDatabase } from '../../tests/support/collector-inspector';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(testDatabases())('restart and shutdown on $name', (database) => {
  it('keeps events and tokens across a restart: resent ids are duplicates', async () => {
    const opened = await database.open({ persistent: true });
    cleanups.push(opened.cleanup);
    const team = uniqueTeam();
    const token = await installCredentialFor(opened.db, team, 'agent-1');
    const events = [makeEvent(), makeEvent(), makeEvent()];

    const first = await startCollector({ db: opened.db, log: { level: 'silent' } });
    expect(ingestResponseSchema.parse((await ingest(first.url, token, events)).json).stored).toBe(
      3,
    );
    await first.close();
    await opened.db.close();

    const db = await opened.reopen();
    const second = await startCollector({ db, log: { level: 'silent' } });
    cleanups.push(second.close);
    const resent = ingestResponseSchema.parse((await ingest(second.url, token, events)).json);
    expect(resent).toMatchObject({ stored: 0, duplicates: 3, rejected: 0 });
    expect(await inspectDatabase(db).listEventIds(team)).toEqual(
      events.map((event) => event.id).sort(),
    );
  }, 30_000);

  it('finishes an in-flight batch on close, answers 503 meanwhile, then stops listening', async () => {
    const opened = await database.open();
    cleanups.push(opened.cleanup);
    const team = uniqueTeam();
    const token = await installCredentialFor(opened.db, team, 'agent-1');
    // Holds the batch inside storage until the test has started the shutdown.
    let reachedStorage!: () => void;
    const inStorage = new Promise<void>((resolve) => (reachedStorage = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const gated: Database = {
      ...opened.db,
      async insertEvents(...args) {
        reachedStorage();
        await released;
        return opened.db.insertEvents(...args);
      },
    };
    const collector = await startCollector({ db: gated, log: { level: 'silent' } });
    const events = [makeEvent(), makeEvent()];
    const inFlight = ingest(collector.url, token, events);
    await inStorage;
    const closed = collector.close();

    const during = await send(collector.url, '/v1/health');
    expect(during.status).toBe(503);
    expect(during.json).toMatchObject({ error: 'shutting_down' });
    release();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(ingestResponseSchema.parse(answered.json).stored).toBe(2);
    await closed;
    await expect(send(collector.url, '/v1/health')).rejects.toThrow(/ECONNREFUSED/);
    expect(await inspectDatabase(opened.db).listEventIds(team)).toHaveLength(2);
  }, 30_000);
});

describe('collector CLI', () => {
  const root = join(import.meta.dirname, '..', '..');
  const env = { ...process.env, DATABASE_URL: '' };
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
    });

  it('creates a token, enrols an install with it, refuses a second process on the folder, exits 0 on SIGTERM, revokes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'collector-cli-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));

    const created = cli([
      'token',
      'create',
      '--team',
      'acme',
      '--role',
      'agent',
      '--name',
      'Desk 1',
      '--data',
      dataDir,
    ]);
    expect(created.status).toBe(0);
    const token = /^token\s+(\S+)$/m.exec(created.stdout)?.[1] ?? '';
    expect(token).toMatch(/^tp_[A-Za-z0-9_-]{43}$/);
    expect(created.stdout).toMatch(/^team\s+acme \(new team\)$/m);

    const server = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli.ts', 'serve', '--port', '0', '--data', dataDir],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    cleanups.push(async () => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    const lines: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout }).on('line', (line) => {
        lines.push(line);
        const record = JSON.parse(line) as { msg: string; url?: string };
        if (record.msg === 'listening' && record.url) resolve(record.url);
      });
      server.on('exit', () => reject(new Error(`serve exited early:\n${lines.join('\n')}`)));
    });

    expect(healthSchema.parse((await send(url, '/v1/health')).json).database).toBe('pglite');
    const enrolled = await send(url, API_PATHS.enrol, {
      token,
      body: { installId: randomUUID(), identityMode: 'identified', agentId: 'agent-1' },
    });
    expect(enrolled.status).toBe(201);
    const { credential } = enrolResponseSchema.parse(enrolled.json);
    expect((await ingest(url, credential, [makeEvent()])).status).toBe(200);
    const busy = cli(['token', 'list', '--team', 'acme', '--data', dataDir]);
    expect(busy.status).toBe(1);
    expect(busy.stderr).toMatch(/in use by process \d+/);

    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain('stopped');

    const listed = cli(['token', 'list', '--team', 'acme', '--data', dataDir]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/\tagent\tDesk 1\t.*\tactive$/m);
    expect(listed.stdout).not.toContain(token);

    const installs = cli(['installs', 'list', '--team', 'acme', '--data', dataDir]);
    expect(installs.status).toBe(0);
    expect(installs.stdout).toMatch(/\tidentified\tagent-1\tenrolled \S+ with Desk 1\tactive$/m);
    const installId = installs.stdout.split('\t', 1)[0]!;
    const revokedInstall = cli([
      'installs',
      'revoke',
      '--team',
      'acme',
      '--id',
      installId,
      '--data',
      dataDir,
    ]);
    expect(revokedInstall.status).toBe(0);
    expect(cli(['installs', 'list', '--team', 'acme', '--data', dataDir]).stdout).toMatch(
      /\trevoked \S+ by cli$/m,
    );

    const tokenId = /^id\s+(\S+)$/m.exec(created.stdout)?.[1] ?? '';
    expect(cli(['token', 'revoke', '--id', tokenId, '--data', dataDir]).status).toBe(0);
    const afterRevoke = cli(['token', 'list', '--team', 'acme', '--data', dataDir]);
    expect(afterRevoke.stdout).toMatch(/\tDesk 1\t.*\trevoked \d{4}-/m);
    const revokedAgain = cli(['token', 'revoke', '--id', tokenId, '--data', dataDir]);
    expect(revokedAgain.status).toBe(2);
    expect(revokedAgain.stderr).toMatch(/no active token with id/);
  }, 120_000);

  it('names bad arguments and exits 2', () => {
    const result = cli(['token', 'create', '--team', 'Acme Corp', '--role', 'boss']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/team: must be/);
    expect(result.stderr).toMatch(/role: /);
    const dropped = cli(['quarantine', 'drop', '--id', 'foo']);
    expect(dropped.status).toBe(2);
    expect(dropped.stderr).toMatch(/--id: "foo" is not an event id/);
  }, 20_000);
});
