import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDemoTeam } from '../../demo/demo-team';
import { startCollector, type RunningCollector } from '../../server/src';

export type LiveCollector = {
  /** The collector now running (a new one after `restart`). */
  readonly current: RunningCollector;
  /** Graceful shutdown and a new start on the same data folder, as an operator's restart. */
  restart(): Promise<void>;
  /** Stops it and removes its data folder. */
  close(): Promise<void>;
};

/** A real collector on loopback (embedded database in a temporary folder) with the demo team. */
export async function startLiveCollector(): Promise<LiveCollector> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'touchpoint-collector-'));
  const start = () => startCollector({ dataDir, log: { level: 'silent' } });
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
