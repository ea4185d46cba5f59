import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_TEAM, ensureDemoTeam } from '../../demo/demo-team';
import { startCollector, type RunningCollector } from '../../server/src';
import { test } from './extension';
import { installManagedPolicy } from './managed-policy';

export type LiveCollector = {
  /** The collector now running (a new one after `restart`). */
  readonly current: RunningCollector;
  /** Graceful shutdown and a new start on the same data folder, as an operator's restart. */
  restart(): Promise<void>;
  /** Stops it and removes its data folder. */
  close(): Promise<void>;
};

/**
 * A real collector on loopback (embedded database in a temporary folder) with the demo team;
 * `now`, its clock, for a collector whose clock is wrong.
 */
export async function startLiveCollector(
  options: { now?: () => number } = {},
): Promise<LiveCollector> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-collector-'));
  const start = () => startCollector({ dataDir, log: { level: 'silent' }, ...options });
  let current = await start();
  await ensureDemoTeam(current.db);
  return {
    get current() {
      return current;
    },
    async restart() {
      await current.close();
      current = await start();
    },
    async close() {
      await current.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A spec's live collector: the one running now, and an operator's restart of it. */
export type SpecCollector = Pick<LiveCollector, 'current' | 'restart'>;

export type SpecCollectorOptions = {
  /** The collector's clock, for a collector whose clock is wrong. */
  now?: () => number;
  /** The demo token the extension holds: the team's enrolment token, or a supervisor's (console). */
  token?: 'agent' | 'supervisor';
  /** Managed settings besides the collector's address and token. */
  policy?: Record<string, unknown>;
  /** The managed policy's file name, so that a spec's policy is told from another's. */
  policyFile?: string;
  /** Runs once the collector is up, before the extension is pointed at it: seeding its data. */
  prepare?: (collector: RunningCollector) => Promise<void>;
  /** An address in front of the collector that the extension is given instead (a fault proxy). */
  front?: (live: LiveCollector) => Promise<{ url: string; close(): Promise<void> }>;
};

/**
 * A spec's live collector, from its `beforeAll` to its `afterAll`, with the managed policy that
 * points the extension at it (or at `front`) with a demo token, and `policy` besides.
 */
export function liveCollectorForSpec(options: SpecCollectorOptions = {}): SpecCollector {
  let live: LiveCollector | undefined;
  let front: Awaited<ReturnType<NonNullable<SpecCollectorOptions['front']>>> | undefined;
  let removePolicy = () => {};
  test.beforeAll(async () => {
    live = await startLiveCollector(options.now ? { now: options.now } : {});
    await options.prepare?.(live.current);
    front = await options.front?.(live);
    const token = options.token === 'supervisor' ? DEMO_TEAM.supervisorToken : DEMO_TEAM.agentToken;
    removePolicy = installManagedPolicy(
      { collectorUrl: front?.url ?? live.current.url, collectorToken: token, ...options.policy },
      options.policyFile,
    );
  });
  test.afterAll(async () => {
    removePolicy();
    await front?.close();
    await live?.close();
  });
  const started = () => {
    if (!live) throw new Error('the live collector starts in beforeAll');
    return live;
  };
  return {
    get current() {
      return started().current;
    },
    restart: () => started().restart(),
  };
}
