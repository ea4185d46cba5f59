import { isIP } from 'node:net';
import { z } from 'zod';
import { LOG_LEVELS } from './log';

// How an operator configures `collector serve` (docs/collector.md, "Configuration"): each setting
// has an environment variable and a flag; a flag wins over the variable, the variable over the
// default. The environment is checked once at start, and a bad value stops the collector with a
// message that names the variable (t3-env's rule: validate where data enters, name the field).

/**
 * A whole number written in decimal digits. `z.coerce.number()` took what `Number()` takes: a
 * variable holding a space was port 0 (a random port), `0x50` port 80 and `1e3` port 1000.
 */
const wholeNumber = (error: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, error)
    .transform(Number);
const port = wholeNumber('must be a port number').pipe(
  z.number().min(0, 'must be 0-65535').max(65535, 'must be 0-65535'),
);
/** `127.0.0.1,10.0.0.0/8`: the proxies whose X-Forwarded-For is believed. */
const proxyList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()))
  .refine(
    (entries) =>
      entries.every((entry) => {
        const [address = '', bits, ...rest] = entry.split('/');
        const family = isIP(address);
        const maxBits = family === 6 ? 128 : 32;
        return (
          family !== 0 &&
          rest.length === 0 &&
          (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits))
        );
      }),
    'must be IP addresses or CIDR ranges separated by commas',
  );
const onOff = z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' });

/** One setting: its variable, its flag (without `--`) and its schema (which carries the default). */
export const SERVE_SETTINGS = {
  port: { env: 'TOUCHPOINT_PORT', schema: port.default(5400) },
  host: { env: 'TOUCHPOINT_HOST', schema: z.string().min(1).default('127.0.0.1') },
  data: { env: 'TOUCHPOINT_DATA_DIR', schema: z.string().min(1).default('.data/collector') },
  'database-url': {
    env: 'DATABASE_URL',
    schema: z
      .string()
      .regex(/^postgres(?:ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  },
  'db-pool-max': {
    env: 'TOUCHPOINT_DB_POOL_MAX',
    schema: wholeNumber('must be a whole number').pipe(z.number().min(1).max(200)).default(10),
  },
  'log-level': { env: 'TOUCHPOINT_LOG_LEVEL', schema: z.enum(LOG_LEVELS).default('info') },
  migrate: {
    env: 'TOUCHPOINT_MIGRATE',
    schema: onOff.default('true').transform((value) => value === 'true' || value === '1'),
  },
  'metrics-port': { env: 'TOUCHPOINT_METRICS_PORT', schema: port.optional() },
  'metrics-host': {
    env: 'TOUCHPOINT_METRICS_HOST',
    schema: z.string().min(1).default('127.0.0.1'),
  },
  'trust-proxy': { env: 'TOUCHPOINT_TRUST_PROXY', schema: proxyList.optional() },
} as const;

type Settings = typeof SERVE_SETTINGS;
export type ServeConfig = { [K in keyof Settings]: z.output<Settings[K]['schema']> };
export type SettingName = keyof Settings;

export const SETTING_NAMES = Object.keys(SERVE_SETTINGS) as SettingName[];

/** Every variable the collector reads: an unknown `TOUCHPOINT_*` one is most likely a typo. */
export const KNOWN_VARIABLES: readonly string[] = SETTING_NAMES.map(
  (name) => SERVE_SETTINGS[name].env,
);

export class ConfigError extends Error {}

/**
 * The `serve` configuration from flags (as `parseArgs` returns them) over the environment over the
 * defaults. Throws a ConfigError naming the variable or flag that holds a bad value.
 */
export function resolveServeConfig(
  env: Record<string, string | undefined>,
  flags: Partial<Record<SettingName, string>>,
): ServeConfig {
  const unknown = Object.keys(env).filter(
    (name) => name.startsWith('TOUCHPOINT_') && !KNOWN_VARIABLES.includes(name),
  );
  if (unknown.length > 0) {
    throw new ConfigError(
      `${unknown.join(', ')}: not a collector setting (known: ${KNOWN_VARIABLES.join(', ')})`,
    );
  }
  const config: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const { env: variable, schema } = SERVE_SETTINGS[name];
    const flag = flags[name];
    // An empty variable counts as unset, as systemd's `Environment=NAME=` and shells mean it.
    const value = flag ?? (env[variable] === '' ? undefined : env[variable]);
    const parsed = (schema as z.ZodType).safeParse(value);
    if (!parsed.success) {
      const where = flag !== undefined ? `--${name}` : variable;
      const message = parsed.error.issues[0]?.message ?? 'invalid';
      // A connection string may hold a password: never echo it into a journal.
      const got = name === 'database-url' ? '' : ` (got "${value}")`;
      throw new ConfigError(`${where}: ${message}${got}`);
    }
    config[name] = parsed.data;
  }
  return config as ServeConfig;
}
