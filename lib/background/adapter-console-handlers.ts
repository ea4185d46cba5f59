import type { TeamAdapterDefinitionsInput } from '../../contract/adapter-definitions';
import type { ADAPTER_REQUESTS } from '../messaging/adapter-requests';
import type { Handlers } from '../messaging/router';
import { createCollectorClient } from '../settings/collector-client';
import { CONSOLE_TOKEN_KEY, type ConsoleDeps } from './console-handlers';
import { refreshTeamPolicy } from './settings-handlers';

type AdapterConsoleDeps = Pick<
  ConsoleDeps,
  'policy' | 'session' | 'fetch' | 'teamPolicy' | 'invalidate'
>;

/**
 * Handlers of the console's adapter requests (lib/messaging/adapter-requests.ts, issue #16): the
 * console's token on the collector's adapter endpoints. After a publish or a rollback this
 * browser refreshes at once; every other install follows at its team-policy refresh.
 */
export function createAdapterConsoleHandlers(
  deps: AdapterConsoleDeps,
): Pick<Handlers, keyof typeof ADAPTER_REQUESTS> {
  async function client() {
    const { settings } = await deps.policy();
    const token = (await deps.session.get<string>(CONSOLE_TOKEN_KEY)) ?? settings.collectorToken;
    if (!settings.collectorUrl || !token) throw new Error('no collector configured by your admin');
    return createCollectorClient({ url: settings.collectorUrl, token }, deps.fetch);
  }

  return {
    async 'console.adapterHealth'({ days }) {
      const collector = await client();
      const [whoami, report, adapters] = await Promise.all([
        collector.whoami(),
        collector.adapterHealth(days),
        collector.readAdapters(),
      ]);
      return { role: whoami.role, report, adapters };
    },

    async 'console.publishAdapters'({ baseVersion, definitions }) {
      const published = await (
        await client()
      ).publishAdapters(baseVersion, definitions as TeamAdapterDefinitionsInput);
      await refreshTeamPolicy(deps);
      return published;
    },

    async 'console.rollbackAdapters'() {
      const rolledBack = await (await client()).rollbackAdapters();
      await refreshTeamPolicy(deps);
      return rolledBack;
    },
  };
}
