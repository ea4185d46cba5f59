import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_VARIABLES, resolveServeConfig, SERVE_SETTINGS, SETTING_NAMES } from './config';

describe('collector configuration', () => {
  it('takes a flag over its variable over the default', () => {
    expect(resolveServeConfig({}, {})).toEqual({
      port: 5400,
      host: '127.0.0.1',
      data: '.data/collector',
      'database-url': undefined,
      'db-pool-max': 10,
      'log-level': 'info',
      migrate: true,
      'metrics-port': undefined,
      'metrics-host': '127.0.0.1',
      'trust-proxy': undefined,
    });
    const env = {
      TOUCHPOINT_PORT: '8080',
      TOUCHPOINT_MIGRATE: 'false',
      TOUCHPOINT_METRICS_PORT: '9464',
      DATABASE_URL: 'postgres://u:p@db:5432/touchpoint',
      HOME: '/root',
    };
    expect(resolveServeConfig(env, { port: '9000' })).toMatchObject({
      port: 9000,
      migrate: false,
      'metrics-port': 9464,
      'database-url': 'postgres://u:p@db:5432/touchpoint',
    });
    // Empty means unset, as `Environment=TOUCHPOINT_PORT=` does in systemd.
    expect(resolveServeConfig({ TOUCHPOINT_PORT: '', DATABASE_URL: '' }, {})).toMatchObject({
      port: 5400,
      'database-url': undefined,
    });
  });

  it('names the variable or flag that holds a bad value', () => {
    expect(() => resolveServeConfig({ TOUCHPOINT_PORT: 'eighty' }, {})).toThrow(
      'TOUCHPOINT_PORT: must be a port number (got "eighty")',
    );
    expect(() => resolveServeConfig({}, { port: '70000' })).toThrow(
      '--port: must be 0-65535 (got "70000")',
    );
    // Number() reads these as 0, 80 and 1000: a blank variable listened on a random port.
    for (const value of [' ', '0x50', '1e3', '80.5']) {
      expect(() => resolveServeConfig({ TOUCHPOINT_PORT: value }, {}), value).toThrow(
        `TOUCHPOINT_PORT: must be a port number (got "${value}")`,
      );
    }
    expect(() => resolveServeConfig({ TOUCHPOINT_DB_POOL_MAX: '1e1' }, {})).toThrow(
      'TOUCHPOINT_DB_POOL_MAX: must be a whole number (got "1e1")',
    );
    expect(resolveServeConfig({ TOUCHPOINT_PORT: ' 8080 ' }, {})).toMatchObject({ port: 8080 });
    expect(() => resolveServeConfig({ TOUCHPOINT_LOG_LEVEL: 'loud' }, {})).toThrow(
      /^TOUCHPOINT_LOG_LEVEL: .*"loud"/,
    );
    expect(() => resolveServeConfig({ TOUCHPOINT_MIGRATE: 'yes' }, {})).toThrow(
      'TOUCHPOINT_MIGRATE: must be true or false (got "yes")',
    );
  });

  it('reads the trusted proxies as a list of addresses and CIDR ranges', () => {
    expect(
      resolveServeConfig({ TOUCHPOINT_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }, {})[
        'trust-proxy'
      ],
    ).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    for (const bad of ['localhost', '10.0.0.0/33', '127.0.0.1,', '10.0.0.0/8/1']) {
      expect(() => resolveServeConfig({ TOUCHPOINT_TRUST_PROXY: bad }, {}), bad).toThrow(
        `TOUCHPOINT_TRUST_PROXY: must be IP addresses or CIDR ranges separated by commas (got "${bad}")`,
      );
    }
  });

  it('refuses an unknown TOUCHPOINT_ variable, most likely a typo', () => {
    expect(() => resolveServeConfig({ TOUCHPOINT_PROT: '80' }, {})).toThrow(
      /^TOUCHPOINT_PROT: not a collector setting \(known: TOUCHPOINT_PORT, /,
    );
  });

  it('never echoes a database URL, which may hold a password', () => {
    expect(() => resolveServeConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' }, {})).toThrow(
      /^DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL$/,
    );
  });

  it('is documented in one table in docs/collector.md: every variable with its flag', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/collector.md'), 'utf8');
    const section = doc.split('## Configuration')[1]?.split('\n## ')[0] ?? '';
    const rows = section
      .split('\n')
      .filter((line) => /^\| `[A-Z_]+`/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map((row) => row[1]!.replaceAll('`', '')).sort()).toEqual(
      [...KNOWN_VARIABLES].sort(),
    );
    const defaults = resolveServeConfig({}, {});
    for (const name of SETTING_NAMES) {
      const row = rows.find((cells) => cells[1] === `\`${SERVE_SETTINGS[name].env}\``)!;
      expect(row[2], name).toBe(`\`--${name}\``);
      const value = defaults[name];
      expect(row[3], name).toBe(value === undefined ? 'unset' : `\`${value}\``);
    }
  });
});
