import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, healthSchema, readySchema } from '../../contract/api';
import { LATEST_MIGRATION } from '../src/db/migrations';
import { send } from './helpers';

// Issue #13: the collector runs in production as compiled JavaScript with `node` alone, no tsx.
// This builds it (npm run build:collector) and runs the output the way the systemd unit does.

const root = join(import.meta.dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};
const cliPath = join(root, packageJson.bin['touchpoint-collector']!);
// Nothing inherited may load tsx or a loader: plain node, as under systemd.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !name.startsWith('TOUCHPOINT_') && name !== 'NODE_OPTIONS',
  ),
);
const env = { ...baseEnv, DATABASE_URL: '' };
const node = (args: string[], extra: Record<string, string> = {}) =>
  spawnSync(process.execPath, [cliPath, ...args], {
    cwd: tmpdir(),
    env: { ...env, ...extra },
    encoding: 'utf8',
  });

describe('the compiled collector', () => {
  let dataDir: string;
  beforeAll(() => {
    const build = spawnSync('npm', ['run', '-s', 'build:collector'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status, build.stdout + build.stderr).toBe(0);
    dataDir = mkdtempSync(join(tmpdir(), 'collector-compiled-'));
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is plain JavaScript with a bin entry', () => {
    expect(existsSync(cliPath)).toBe(true);
    expect(cliPath).toMatch(/server\/dist\/server\/src\/cli\.js$/);
    expect(readFileSync(cliPath, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(existsSync(join(root, 'server/dist/contract/api.js'))).toBe(true);
  });

  it('migrates, serves health, readiness and metrics with node alone, and exits 0 on SIGTERM', async () => {
    const migrated = node(['migrate', '--data', dataDir]);
    expect(migrated.status, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/^applied 1: /m);
    expect(node(['migrate', '--data', dataDir]).stdout).toBe(
      `schema up to date at version ${LATEST_MIGRATION}\n`,
    );

    const server = spawn(process.execPath, [cliPath, 'serve', '--port', '0'], {
      cwd: tmpdir(),
      env: {
        ...env,
        TOUCHPOINT_DATA_DIR: dataDir,
        TOUCHPOINT_MIGRATE: 'false',
        TOUCHPOINT_METRICS_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const lines: string[] = [];
      const listening = await new Promise<{ url: string; metrics: string }>((resolve, reject) => {
        createInterface({ input: server.stdout }).on('line', (line) => {
          lines.push(line);
          const record = JSON.parse(line) as { msg: string; url?: string; metrics?: string };
          if (record.msg === 'listening' && record.url && record.metrics) {
            resolve({ url: record.url, metrics: record.metrics });
          }
        });
        server.on('exit', () => reject(new Error(`serve exited early:\n${lines.join('\n')}`)));
      });

      const health = await send(listening.url, API_PATHS.health);
      expect(healthSchema.parse(health.json)).toEqual({ status: 'ok', database: 'pglite' });
      const ready = await send(listening.url, API_PATHS.ready);
      expect(readySchema.parse(ready.json)).toEqual({
        status: 'ready',
        database: 'pglite',
        schemaVersion: LATEST_MIGRATION,
      });
      const metrics = await send(listening.metrics, '/metrics');
      expect(metrics.text).toMatch(
        /^touchpoint_http_requests_total\{method="GET",route="\/v1\/ready",status="200"\} 1$/m,
      );

      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain('stopped');
      expect(stderr).toBe('');
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  }, 60_000);

  it('refuses a bad environment variable by name and exits 2', () => {
    const result = node(['serve'], { TOUCHPOINT_METRICS_PORT: '99999' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'collector: TOUCHPOINT_METRICS_PORT: must be 0-65535 (got "99999")\n',
    );
  });
});
