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

/** Lets what the handler left running after its answer run too. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

type State = { trackingEnabled: boolean; paused: boolean; trackedApps?: string[] };

/**
 * The record report's handler with what it touches; the rest of the deps is never reached.
 * `inForce`: the policy in force and the tracker's state, which may be slow to come.
 */
function setup(state: State, inForce: Promise<State> = Promise.resolve(state)) {
  const settingsOf = ({ trackingEnabled, trackedApps = [] }: State) => ({
    ...defaultSettings(),
    trackingEnabled,
    ...(trackedApps.length > 0 && { trackedApps }),
  });
  const pagePolicy = async () => ({
    settings: settingsOf(state),
    adapters: [zendesk],
    diagnostics: [],
  });
  const policy = async () => ({
    settings: settingsOf(await inForce),
    adapters: [zendesk],
    diagnostics: [],
  });
  const setRecord = vi.fn(async () => undefined);
  const saveSidebarLayout = vi.fn(async () => undefined);
  const observeRating = vi.fn(async (_record: StoredContext, _now: number) => true);
  const observeHealth = vi.fn(async () => undefined);
  const deps = {
    policy,
    pagePolicy,
    contexts: {
      recordObservation: async (context: RecordContext) =>
        ({ ...context, key: 'zendesk:ticket:42', identityKeys: [] }) as unknown as StoredContext,
    },
    tabs: { setRecord },
    saveSidebarLayout,
    tracker: { handle: async () => [], paused: async () => (await inForce).paused },
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
  return {
    handlers: createBackgroundHandlers(deps),
    observeRating,
    observeHealth,
    setRecord,
    saveSidebarLayout,
  };
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
    await settled();
    expect(observeRating).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'zendesk:ticket:42', csat: 'good' }),
      ticket.observedAt,
    );
    expect(observeHealth).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['tracking is off', { trackingEnabled: false, paused: false }],
    ['the agent has paused measurement', { trackingEnabled: true, paused: true }],
    [
      'the team tracks other apps only',
      { trackingEnabled: true, paused: false, trackedApps: ['salesforce'] },
    ],
  ])('send nothing upstream about the record while %s', async (_case, state) => {
    const { handlers, observeRating, observeHealth } = setup(state);
    // The card still shows the record: only what would leave the browser waits.
    await expect(handlers['record.context']({ context: ticket }, sender)).resolves.toEqual({
      stored: true,
    });
    await settled();
    expect(observeRating).not.toHaveBeenCalled();
    expect(observeHealth).not.toHaveBeenCalled();
  });

  it('show the card at once while the policy in force is still being read, and go by that policy', async () => {
    // A brand-new profile: the managed policy takes seconds to read, and it turns tracking off.
    let managedRead: (state: State) => void = () => undefined;
    const slow = new Promise<State>((resolve) => (managedRead = resolve));
    const { handlers, observeRating, observeHealth, setRecord } = setup(
      { trackingEnabled: true, paused: false },
      slow,
    );
    await expect(handlers['record.context']({ context: ticket }, sender)).resolves.toEqual({
      stored: true,
    });
    expect(setRecord).toHaveBeenCalledWith(
      sender.tabId,
      expect.objectContaining({ app: 'zendesk' }),
    );
    managedRead({ trackingEnabled: false, paused: false });
    await settled();
    expect(observeRating).not.toHaveBeenCalled();
    expect(observeHealth).not.toHaveBeenCalled();
  });
});

describe('sidebar layouts', () => {
  const layout = { collapsed: true, width: 400 };

  it('are kept for the app of the page that sent them', async () => {
    const { handlers, saveSidebarLayout } = setup({ trackingEnabled: true, paused: false });
    await expect(handlers['sidebar.saveLayout']({ layout }, sender)).resolves.toEqual({
      saved: true,
    });
    expect(saveSidebarLayout).toHaveBeenCalledWith('zendesk', layout);
  });

  it('are not kept from a page no adapter is in force for', async () => {
    const { handlers, saveSidebarLayout } = setup({ trackingEnabled: true, paused: false });
    const elsewhere = { tabId: 3, url: 'https://example.com/' };
    await expect(handlers['sidebar.saveLayout']({ layout }, elsewhere)).resolves.toEqual({
      saved: false,
    });
    expect(saveSidebarLayout).not.toHaveBeenCalled();
  });
});
