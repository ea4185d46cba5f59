import { describe, expect, it } from 'vitest';
import { createLocalDataHandlers } from './local-data-handlers';
import { openTouchpointDb } from '../storage/db';

const AGENT_TOKEN = 'tp_agent-token-0123456789';
const sender = { tabId: undefined, url: 'chrome-extension://x/options.html' };

function setup(managed: Record<string, unknown>) {
  const db = openTouchpointDb(`local-data-handlers-${Math.random()}`);
  const handlers = createLocalDataHandlers({
    db,
    readLocalStorage: async () => ({ 'managed-policy-cache': managed }),
    afterLocalDataDeleted: async () => undefined,
  });
  return { handlers, db };
}

describe('local data handlers (the agent’s own data)', () => {
  it('count unsynced events before deleting, export without secrets, then delete every table', async () => {
    const { handlers, db } = setup({ collectorToken: AGENT_TOKEN });
    await db.table('outbox').bulkAdd([
      { id: 'a', type: 'app.hourly', occurredAt: 1, schemaVersion: 1, payload: {}, synced: 0 },
      { id: 'b', type: 'app.hourly', occurredAt: 2, schemaVersion: 1, payload: {}, synced: 1 },
    ]);
    const summary = await handlers['localData.summary']({}, sender);
    expect(summary.unsyncedEvents).toBe(1);
    expect(summary.tables.outbox).toBe(2);
    const exported = await handlers['localData.export']({}, sender);
    expect(exported.database.outbox).toHaveLength(2);
    expect(JSON.stringify(exported)).not.toContain(AGENT_TOKEN);
    await handlers['localData.delete']({}, sender);
    expect((await handlers['localData.summary']({}, sender)).tables.outbox).toBe(0);
  });
});
