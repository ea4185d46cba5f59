import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// A collector in a process of its own, started by the CLI exactly as an operator starts it
// (`collector serve` with DATABASE_URL), so that a test can kill it with SIGKILL mid-request and
// start it again on the same port (issue #13, item 6).

const ROOT = join(import.meta.dirname, '..', '..');
const STARTUP_TIMEOUT_MS = 30_000;

export type CollectorProcess = {
  url: string;
  port: number;
  /** Running now (false between `kill` and `start`). */
  readonly running: boolean;
  /** Starts the process (again) on the same port; resolves once it listens. */
  start(): Promise<void>;
  /** Sends `signal` and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
};

/** A free loopback port: listen on 0, read the port, close. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `url` with every connection's `search_path` set to `schema` (tests keep one schema each). */
export function withSearchPath(url: string, schema: string): string {
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/**
 * A `collector serve` process on PostgreSQL `databaseUrl` (its schema must exist and be migrated
 * when several processes share it). Not started: call `start()`.
 */
export async function collectorProcess(options: {
  databaseUrl: string;
  port?: number;
}): Promise<CollectorProcess> {
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    if (child) throw new Error(`collector on port ${port} is already running`);
    const spawned = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/src/cli.ts',
        'serve',
        '--port',
        String(port),
        '--log-level',
        'warn',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: options.databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = spawned;
    exited = new Promise((resolve) =>
      spawned.on('exit', () => {
        if (child === spawned) child = undefined;
        resolve();
      }),
    );
    const output: string[] = [];
    createInterface({ input: spawned.stderr! }).on('line', (line) => output.push(line));
    createInterface({ input: spawned.stdout! }).on('line', (line) => output.push(line));
    // `warn` keeps request logs out of the pipe; readiness is the port answering.
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      if (child !== spawned) {
        throw new Error(`collector on port ${port} exited at start:\n${output.join('\n')}`);
      }
      const ready = await fetch(`http://127.0.0.1:${port}/v1/health`).then(
        (answer) => answer.ok,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) {
        spawned.kill('SIGKILL');
        throw new Error(`collector on port ${port} did not start:\n${output.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get running() {
      return child !== undefined;
    },
    start,
    async kill(signal) {
      child?.kill(signal);
      await exited;
    },
  };
}
