import type { Dexie } from 'dexie';
import type { Handlers } from '../messaging/router';
import {
  SECRET_MARK,
  type SETTINGS_REQUESTS,
  type SettingEntry,
} from '../messaging/settings-requests';
import { AGENT_CHOICES_KEY, applyAgentChoice } from '../settings/agent-choices';
import {
  createCollectorClient,
  CollectorError,
  type FetchLike,
} from '../settings/collector-client';
import { SETTINGS, type SettingName, type Settings } from '../settings/definitions';
import type { SettingState } from '../settings/sources';
import type { TeamPolicySync } from '../settings/team-policy-sync';
import { isTeamSetting, parseTeamPolicyValues } from '../../contract/team-policy';
import type { Whoami } from '../../contract/api';
import type { KeyValueStore } from './key-value';
import type { TabRecord } from './tab-state';

export type SettingsRequestType = keyof typeof SETTINGS_REQUESTS;

/** `storage.session` key of a supervisor's own token for the console (gone with the browser session). */
export const CONSOLE_TOKEN_KEY = 'console-token';

/** Values never handed to a page: the page learns only that one is set. */
const SECRET_SETTINGS = new Set<string>(['collectorToken', 'recordHashSecret']);
const CONSOLE_ROLES = new Set<Whoami['role']>(['supervisor', 'admin']);

export type SettingsDeps = {
  policy: () => Promise<{
    settings: Settings;
    sources: Record<SettingName, SettingState>;
    diagnostics: string[];
  }>;
  /** Forget the settings in force (the next `policy()` resolves them again). */
  invalidate: () => void;
  local: KeyValueStore;
  session: KeyValueStore;
  teamPolicy: TeamPolicySync;
  fetch: FetchLike;
  db: Dexie;
  /** Everything in `storage.local`, for the export. */
  readLocalStorage: () => Promise<Record<string, unknown>>;
  afterLocalDataDeleted: () => Promise<void>;
  /** The web page in front (not an extension page) and the record its adapter read, if any. */
  frontTab: () => Promise<{ url: string; record: TabRecord | undefined } | null>;
};

/** Settings as pages see them: every value with its source and lock, secrets masked. */
function settingEntries(
  settings: Settings,
  sources: Record<SettingName, SettingState>,
): SettingEntry[] {
  return (Object.keys(SETTINGS) as SettingName[]).map((name) => {
    const value = settings[name];
    return {
      name,
      value: SECRET_SETTINGS.has(name) && value !== undefined ? SECRET_MARK : value,
      ...sources[name],
      agentAdjustable: SETTINGS[name].agentAdjustable,
      teamLevel: isTeamSetting(name),
    };
  });
}

/** Replaces secrets anywhere in exported storage (the managed policy cache holds the token). */
function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_SETTINGS.has(key) ? SECRET_MARK : maskSecrets(inner),
      ]),
    );
  }
  return value;
}

const messageOf = (error: unknown) =>
  error instanceof CollectorError || error instanceof Error ? error.message : String(error);

/** Handlers of the issue #6 requests (lib/messaging/settings-requests.ts). */
export function createSettingsHandlers(deps: SettingsDeps): Pick<Handlers, SettingsRequestType> {
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

  async function loadConsole() {
    const target = await consoleTarget();
    if (!target)
      return {
        access: 'denied' as const,
        reason: 'not-configured' as const,
        role: null,
        error: null,
      };
    try {
      const whoami = await target.client.whoami();
      if (!CONSOLE_ROLES.has(whoami.role))
        return {
          access: 'denied' as const,
          reason: 'role' as const,
          role: whoami.role,
          error: null,
        };
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
      return {
        access: 'denied' as const,
        reason: 'unreachable' as const,
        role: null,
        error: messageOf(error),
      };
    }
  }

  async function refreshTeamPolicy() {
    const status = await deps.teamPolicy.refresh();
    if (status.outcome !== 'unchanged') deps.invalidate();
    return status;
  }

  return {
    async 'settings.get'() {
      const { settings, sources, diagnostics } = await deps.policy();
      const { lastCheck, policy } = await deps.teamPolicy.status();
      return {
        settings: settingEntries(settings, sources),
        diagnostics,
        collector: {
          url: settings.collectorUrl ?? null,
          tokenConfigured: settings.collectorToken !== undefined,
          lastCheck,
          teamPolicy: policy,
        },
      };
    },

    async 'settings.setAgentChoice'({ name, value }) {
      const { sources } = await deps.policy();
      const next = applyAgentChoice(
        await deps.local.get(AGENT_CHOICES_KEY),
        name,
        value,
        sources[name as SettingName],
      );
      await deps.local.set(AGENT_CHOICES_KEY, next);
      deps.invalidate();
      return { ok: true as const };
    },

    'settings.refreshTeamPolicy': refreshTeamPolicy,

    async 'collector.test'() {
      const { settings } = await deps.policy();
      if (!settings.collectorUrl || !settings.collectorToken)
        return { ok: false as const, error: 'no collector configured by your admin' };
      try {
        const client = createCollectorClient(
          { url: settings.collectorUrl, token: settings.collectorToken },
          deps.fetch,
        );
        return { ok: true as const, whoami: await client.whoami() };
      } catch (error) {
        return { ok: false as const, error: messageOf(error) };
      }
    },

    'console.load': loadConsole,

    async 'console.signIn'({ token }) {
      const { settings } = await deps.policy();
      const format = SETTINGS.collectorToken.schema.safeParse(token);
      if (!settings.collectorUrl)
        return { access: 'denied', reason: 'not-configured', role: null, error: null };
      if (!format.success || format.data === undefined)
        return { access: 'denied', reason: 'role', role: null, error: 'not a collector token' };
      try {
        const client = createCollectorClient({ url: settings.collectorUrl, token }, deps.fetch);
        const whoami = await client.whoami();
        if (!CONSOLE_ROLES.has(whoami.role))
          return { access: 'denied', reason: 'role', role: whoami.role, error: null };
      } catch (error) {
        return { access: 'denied', reason: 'unreachable', role: null, error: messageOf(error) };
      }
      await deps.session.set(CONSOLE_TOKEN_KEY, token);
      return loadConsole();
    },

    async 'console.signOut'() {
      await deps.session.remove(CONSOLE_TOKEN_KEY);
      return { ok: true as const };
    },

    async 'console.save'({ policy, etag }) {
      const target = await consoleTarget();
      if (!target) throw new Error('no collector configured by your admin');
      const { values, diagnostics } = parseTeamPolicyValues(policy);
      if (diagnostics.length > 0) throw new Error(diagnostics.join('; '));
      // The console disables locked settings; this refuses a page that changes one anyway.
      const [{ sources }, current] = await Promise.all([
        deps.policy(),
        target.client.getPolicy(null),
      ]);
      if (current.status !== 'ok') throw new Error('the collector sent no policy');
      const changedLocked = Object.keys({ ...values, ...current.policy.policy }).filter(
        (name) =>
          sources[name as SettingName]?.locked &&
          JSON.stringify(policy[name]) !== JSON.stringify(current.policy.policy[name]),
      );
      if (changedLocked.length > 0)
        throw new Error(`locked by the admin: ${changedLocked.join(', ')}`);
      const saved = await target.client.putPolicy(policy, etag);
      if (saved.status === 'saved') await refreshTeamPolicy();
      return { status: saved.status };
    },

    async 'diagnostics.tab'() {
      const front = await deps.frontTab();
      if (!front) return null;
      // Only the origin and path: the page's query may carry customer data.
      const url = new URL(front.url);
      const stored = front.record
        ? ((await deps.db.table('contexts').get(front.record.recordKey)) as
            { matchedBy?: Record<string, string> } | undefined)
        : undefined;
      return {
        url: `${url.origin}${url.pathname}`,
        appName: front.record?.appName ?? null,
        matchedBy: stored?.matchedBy ?? {},
      };
    },

    async 'localData.summary'() {
      const tables: Record<string, number> = {};
      for (const table of deps.db.tables) tables[table.name] = await table.count();
      const outbox = deps.db.tables.find((table) => table.name === 'outbox');
      const unsyncedEvents = outbox
        ? await outbox.filter((row: { synced?: number }) => row.synced !== 1).count()
        : 0;
      return { unsyncedEvents, tables };
    },

    async 'localData.export'() {
      const database: Record<string, unknown[]> = {};
      for (const table of deps.db.tables) database[table.name] = await table.toArray();
      return {
        exportedAt: new Date().toISOString(),
        database,
        storage: maskSecrets(await deps.readLocalStorage()) as Record<string, unknown>,
      };
    },

    async 'localData.delete'() {
      await deps.db.transaction('rw', deps.db.tables, async () => {
        for (const table of deps.db.tables) await table.clear();
      });
      await deps.afterLocalDataDeleted();
      return { deleted: true as const };
    },
  };
}
