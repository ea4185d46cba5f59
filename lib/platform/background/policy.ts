import { browser } from 'wxt/browser';
import { createRecordHasher } from '../../../contract/record-hash';
import { syncCustomContentScripts } from './custom-hosts';
import { createPolicySource } from './policy-source';
import { localStore } from './storage-areas';
import { createTeamPolicyService } from './team-policy';

export type PolicyDeps = {
  /** The settings in force changed: sidebars, sync and the like follow. */
  onChange: () => void;
};

/**
 * The settings in force (managed › team › agent › defaults) and what follows from them in the
 * browser: the idle threshold, the content script on hosts granted at run time, the team policy
 * refresh, and the keyed record hash. Listeners are registered synchronously.
 */
export function createPolicyService({ onChange }: PolicyDeps) {
  const source = createPolicySource(localStore(), () => changed());
  const get = source.get;
  const settings = async () => (await get()).settings;
  const teamPolicy = createTeamPolicyService({ settings, onInputChange: () => reload() });

  let hashRecord: ReturnType<typeof createRecordHasher> | undefined;

  /** An input changed (managed policy, team policy, the agent's choices): resolve again. */
  function reload() {
    source.invalidate();
    changed();
  }

  function changed() {
    hashRecord = undefined;
    teamPolicy.settingsChanged();
    onChange();
    void get().then(({ adapters, settings }) => {
      browser.idle.setDetectionInterval(settings.idleThresholdSeconds);
      return syncCustomContentScripts(adapters);
    });
  }

  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') reload();
  });
  browser.permissions.onAdded.addListener(() => {
    void get().then(({ adapters }) => syncCustomContentScripts(adapters));
  });
  void get().then(({ adapters }) => syncCustomContentScripts(adapters));

  return {
    get,
    /** `get`, or the defaults meanwhile in a brand-new profile: for pages' cards only. */
    forPages: source.forPages,
    settled: source.settled,
    settings,
    reload,
    teamPolicy: teamPolicy.sync,
    classify: async (url: string | undefined) => (await get()).classify(url),
    /** Keyed record hash with the team secret in force (rebuilt after a policy change). */
    async hashRecord(app: string, recordId: string) {
      hashRecord ??= createRecordHasher((await get()).settings.recordHashSecret);
      return hashRecord(app, recordId);
    },
    /** Hosts of adapters in force still waiting for the agent's grant (registers the granted). */
    hostsAwaitingGrant: syncCustomContentScripts,
  };
}
export type PolicyService = ReturnType<typeof createPolicyService>;
