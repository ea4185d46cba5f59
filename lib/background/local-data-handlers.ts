import type { Dexie } from 'dexie';
import type { Handlers } from '../messaging/router';
import { maskSecrets } from './masked-settings';

export type LocalDataDeps = {
  db: Dexie;
  /** Everything in `storage.local`, for the export. */
  readLocalStorage: () => Promise<Record<string, unknown>>;
  afterLocalDataDeleted: () => Promise<void>;
};

type LocalDataRequest = 'localData.summary' | 'localData.export' | 'localData.delete';

/** Handlers for the agent's own local data on the options page: summary, export, delete. */
export function createLocalDataHandlers(deps: LocalDataDeps): Pick<Handlers, LocalDataRequest> {
  const { db } = deps;
  return {
    async 'localData.summary'() {
      const tables: Record<string, number> = {};
      for (const table of db.tables) tables[table.name] = await table.count();
      const outbox = db.tables.find((table) => table.name === 'outbox');
      const unsyncedEvents = outbox
        ? await outbox.filter((row: { synced?: number }) => row.synced !== 1).count()
        : 0;
      return { unsyncedEvents, tables };
    },

    async 'localData.export'() {
      const database: Record<string, unknown[]> = {};
      for (const table of db.tables) database[table.name] = await table.toArray();
      return {
        exportedAt: new Date().toISOString(),
        database,
        storage: maskSecrets(await deps.readLocalStorage()) as Record<string, unknown>,
      };
    },

    async 'localData.delete'() {
      await db.transaction('rw', db.tables, async () => {
        for (const table of db.tables) await table.clear();
      });
      await deps.afterLocalDataDeleted();
      return { deleted: true as const };
    },
  };
}
