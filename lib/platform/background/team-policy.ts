import { browser } from 'wxt/browser';
import type { Settings } from '../../settings/definitions';
import { createTeamPolicySync } from '../../settings/team-policy-sync';
import { SETTINGS_INPUT_KEYS } from './policy-source';
import { localStore } from './storage-areas';

export const TEAM_POLICY_ALARM = 'team-policy-refresh';

type TeamPolicyDeps = {
  settings: () => Promise<Settings>;
  /** The team policy or the agent's choices changed in `storage.local` (any context wrote them). */
  onInputChange: () => void;
};

/**
 * Team policy from the collector (issue #6): checked by an alarm every `teamPolicyRefreshMinutes`
 * (ETag, so an unchanged policy costs a 304), at start and when the collector settings change.
 * A new policy lands in `storage.local`; `storage.onChanged` then re-resolves the settings, also
 * when another extension context (the console) wrote it.
 */
export function createTeamPolicyService({ settings, onInputChange }: TeamPolicyDeps) {
  const sync = createTeamPolicySync({
    store: localStore(),
    fetch: (input, init) => fetch(input, init),
    connection: async () => {
      const { collectorUrl, collectorToken } = await settings();
      return collectorUrl && collectorToken ? { url: collectorUrl, token: collectorToken } : null;
    },
    now: Date.now,
  });

  let lastConnection: string | undefined;
  /** Re-arms the alarm for the period in force; refreshes at once when the collector changed. */
  async function settingsChanged() {
    const current = await settings();
    const period = current.teamPolicyRefreshMinutes;
    const alarm = await browser.alarms.get(TEAM_POLICY_ALARM);
    if (alarm?.periodInMinutes !== period) {
      await browser.alarms.create(TEAM_POLICY_ALARM, { periodInMinutes: period });
    }
    const connection = `${current.collectorUrl ?? ''} ${current.collectorToken ?? ''}`;
    if (connection === lastConnection) return;
    const waking = lastConnection === undefined;
    lastConnection = connection;
    // The worker wakes often: after a wake, a check younger than the period is enough, if it was
    // made with the token in force (the admin may have switched teams while the worker slept).
    if (!(waking && (await sync.checkedWithin(period * 60_000)))) await sync.refresh();
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TEAM_POLICY_ALARM) void sync.refresh();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_INPUT_KEYS.some((key) => key in changes)) onInputChange();
  });
  void settingsChanged();

  return { sync, settingsChanged: () => void settingsChanged() };
}
