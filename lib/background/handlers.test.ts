import { describe, expect, it, vi } from 'vitest';
import { zendesk } from '../adapters/zendesk';
import type { RecordContext } from '../context/record-context';
import { defaultSettings } from '../settings/definitions';
import type { StoredContext } from '../storage/db';
import { createBackgroundHandlers, type BackgroundDeps } from './handlers';

const ticket: RecordContext = {
  app: 'zendesk',
  appName: 'Zendesk',
  recordType: 'ticket',
  recordId: '42',
  url: 'https://acme.zendesk.com/agent/tickets/42',
  csat: 'good',
  matchedBy: {},
  observedAt: Date.UTC(2026, 11, 7, 9),
};
const sender = { tabId: 3, url: ticket.url };

/** The record report's handler with what it touches; the rest of the deps is never reached. */
function setup({ trackingEnabled, paused }: { trackingEnabled: boolean; paused: boolean }) {
  const settings = { ...defaultSettings(), trackingEnabled };
  const policy = async () => ({ settings, adapters: [zendesk], diagnostics: [] });
  const observeRating = vi.fn(async (_record: StoredContext, _now: number) => true);
  const observeHealth = vi.fn(async () => undefined);
  const deps = {
    policy,
    pagePolicy: policy,
    contexts: {
      recordObservation: async (context: RecordContext) =>
        ({ ...context, key: 'zendesk:ticket:42', identityKeys: [] }) as unknown as StoredContext,
    },
    tabs: { setRecord: async () => undefined },
    tracker: { handle: async () => [], paused: async () => paused },
    refreshSidebars: async () => undefined,
    observeRating,
    observeHealth,
    // The other audiences' handlers are built too, but never called here.
    sync: {},
    settings: {},
    console: {},
    localData: {},
    diagnostics: {},
  } as unknown as BackgroundDeps;
  return { handlers: createBackgroundHandlers(deps), observeRating, observeHealth };
}

describe('record reports', () => {
  it('queue the rating the page shows and count the adapter while the agent is measured', async () => {
    const { handlers, observeRating, observeHealth } = setup({
      trackingEnabled: true,
      paused: false,
    });
    await expect(handlers['record.context']({ context: ticket }, sender)).resolves.toEqual({
      stored: true,
    });
    expect(observeRating).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'zendesk:ticket:42', csat: 'good' }),
      ticket.observedAt,
    );
    expect(observeHealth).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['tracking is off', { trackingEnabled: false, paused: false }],
    ['the agent has paused measurement', { trackingEnabled: true, paused: true }],
  ])('send nothing upstream about the record while %s', async (_case, state) => {
    const { handlers, observeRating, observeHealth } = setup(state);
    // The card still shows the record: only what would leave the browser waits.
    await expect(handlers['record.context']({ context: ticket }, sender)).resolves.toEqual({
      stored: true,
    });
    expect(observeRating).not.toHaveBeenCalled();
    expect(observeHealth).not.toHaveBeenCalled();
  });
});
