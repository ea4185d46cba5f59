export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = Record<
  Exclude<LogLevel, 'silent'>,
  (message: string, fields?: LogFields) => void
>;

export type LoggerOptions = {
  level?: LogLevel;
  /** Where each JSON line goes; stdout by default. */
  write?: (line: string) => void;
  now?: () => number;
};

// Defence in depth: nothing should pass a token to the logger, but if an error message ever
// quotes one it is masked rather than written to disk.
const TOKEN_LIKE = /\btp_[A-Za-z0-9_-]{8,}/g;
const BEARER = /Bearer\s+\S+/gi;
const redact = (text: string) => text.replace(TOKEN_LIKE, 'tp_…').replace(BEARER, 'Bearer …');

/** Structured logs: one JSON object per line. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const at =
    (level: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields = {}): void => {
      if (LOG_LEVELS.indexOf(level) < threshold) return;
      const record = { time: new Date(now()).toISOString(), level, msg: message, ...fields };
      write(redact(JSON.stringify(record)));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
