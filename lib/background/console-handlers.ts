import type { Handlers } from '../messaging/router';
import { createCollectorClient } from '../settings/collector-client';
import { SETTINGS, type SettingName } from '../settings/definitions';
import { parseTeamPolicyValues } from '../../contract/team-policy';
import type { Whoami } from '../../contract/api';
import type { KeyValueStore } from './key-value';
import { messageOf, settingEntries } from './masked-settings';
import { refreshTeamPolicy, type SettingsDeps } from './settings-handlers';

/** `storage.session` key of a supervisor's own token for the console (gone with the browser session). */
export const CONSOLE_TOKEN_KEY = 'console-token';

const CONSOLE_ROLES = new Set<Whoami['role']>(['supervisor', 'admin']);

export type ConsoleDeps = Pick<SettingsDeps, 'policy' | 'invalidate' | 'teamPolicy' | 'fetch'> & {
  /** `storage.session`: where a supervisor's sign-in lasts for the browser session. */
  session: KeyValueStore;
};

type ConsoleRequest =
  | 'console.load'
  | 'console.signIn'
  | 'console.signOut'
  | 'console.save'
  | 'console.installs'
  | 'console.revokeInstall';

const denied = (
  reason: 'not-configured' | 'role' | 'unreachable',
  role: Whoami['role'] | null = null,
  error: string | null = null,
) => ({ access: 'denied' as const, reason, role, error });

/**
 * Handlers for the supervisor console (issue #6): the team policy, its audit and the locks, with
 * the supervisor's session sign-in or the deployed token when that one may edit the policy.
 */
export function createConsoleHandlers(deps: ConsoleDeps): Pick<Handlers, ConsoleRequest> {
  async function consoleTarget() {
    const { settings } = await deps.policy();
    const signedInToken = await deps.session.get<string>(CONSOLE_TOKEN_KEY);
    const token = signedInToken ?? settings.collectorToken;
    if (!settings.collectorUrl || !token) return null;
    return {
      client: createCollectorClient({ url: settings.collectorUrl, token }, deps.fetch),
      signedIn: signedInToken !== undefined,
    };
  }

  async function connectedClient() {
    const target = await consoleTarget();
    if (!target) throw new Error('no collector configured by your admin');
    return target.client;
  }

  async function loadConsole() {
    const target = await consoleTarget();
    if (!target) return denied('not-configured');
    try {
      const whoami = await target.client.whoami();
      if (!CONSOLE_ROLES.has(whoami.role)) return denied('role', whoami.role);
      const [current, audit, { settings, sources }] = await Promise.all([
        target.client.getPolicy(null),
        target.client.audit(),
        deps.policy(),
      ]);
      if (current.status !== 'ok') throw new Error('the collector sent no policy');
      return {
        access: 'granted' as const,
        whoami,
        signedIn: target.signedIn,
        policy: current.policy,
        etag: current.etag,
        audit,
        settings: settingEntries(settings, sources),
      };
    } catch (error) {
      return denied('unreachable', null, messageOf(error));
    }
  }

  return {
    'console.load': loadConsole,

    async 'console.signIn'({ token }) {
      const { settings } = await deps.policy();
      const format = SETTINGS.collectorToken.schema.safeParse(token);
      if (!settings.collectorUrl) return denied('not-configured');
      if (!format.success || format.data === undefined)
        return denied('role', null, 'not a collector token');
      try {
        const client = createCollectorClient({ url: settings.collectorUrl, token }, deps.fetch);
        const whoami = await client.whoami();
        if (!CONSOLE_ROLES.has(whoami.role)) return denied('role', whoami.role);
      } catch (error) {
        return denied('unreachable', null, messageOf(error));
      }
      await deps.session.set(CONSOLE_TOKEN_KEY, token);
      return loadConsole();
    },

    async 'console.signOut'() {
      await deps.session.remove(CONSOLE_TOKEN_KEY);
      return { ok: true as const };
    },

    async 'console.save'({ policy, etag }) {
      const client = await connectedClient();
      const { values, diagnostics } = parseTeamPolicyValues(policy);
      if (diagnostics.length > 0) throw new Error(diagnostics.join('; '));
      // The console disables locked settings; this refuses a page that changes one anyway.
      const [{ sources }, current] = await Promise.all([deps.policy(), client.getPolicy(null)]);
      if (current.status !== 'ok') throw new Error('the collector sent no policy');
      const changedLocked = Object.keys({ ...values, ...current.policy.policy }).filter(
        (name) =>
          sources[name as SettingName]?.locked &&
          JSON.stringify(policy[name]) !== JSON.stringify(current.policy.policy[name]),
      );
      if (changedLocked.length > 0)
        throw new Error(`locked by the admin: ${changedLocked.join(', ')}`);
      const saved = await client.putPolicy(policy, etag);
      if (saved.status === 'saved') await refreshTeamPolicy(deps);
      return { status: saved.status };
    },

    async 'console.installs'() {
      return { installs: await (await connectedClient()).installs() };
    },

    async 'console.revokeInstall'({ id }) {
      return (await connectedClient()).revokeInstall(id);
    },
  };
}
