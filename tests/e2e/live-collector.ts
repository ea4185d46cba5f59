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

/**
 * A spec's live collector, from its `beforeAll` to its `afterAll`, with the managed policy that
 * points the extension at it with the demo team's enrolment token (and `policy` besides).
 */
export function liveCollectorForSpec(
  options: { now?: () => number; policy?: Record<string, unknown> } = {},
): { readonly current: RunningCollector } {
  let live: LiveCollector | undefined;
  let removePolicy = () => {};
  test.beforeAll(async () => {
    live = await startLiveCollector(options.now ? { now: options.now } : {});
    removePolicy = installManagedPolicy({
      collectorUrl: live.current.url,
      collectorToken: DEMO_TEAM.agentToken,
      syncBackoffCapSeconds: 5,
      ...options.policy,
    });
  });
  test.afterAll(async () => {
    removePolicy();
    await live?.close();
  });
  return {
    get current() {
      if (!live) throw new Error('the live collector starts in beforeAll');
      return live.current;
    },
  };
}
