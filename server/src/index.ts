// The collector's programmatic API: `npm start`, e2e tests and benchmarks import from here.
export { startCollector, type CollectorOptions, type RunningCollector } from './collector';
export { issueToken, generateToken, hashToken, type IssuedToken } from './auth/tokens';
export { openDatabase, type DatabaseOptions } from './db/open-database';
export type { Database } from './db/database';
export { createLogger, type Logger, type LogLevel } from './log';
