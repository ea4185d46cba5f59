import type { KeyValueStore } from '../background/key-value';
import type { Settings } from '../settings/definitions';

export const PSEUDONYMOUS_ID_KEY = 'sync-pseudonymous-agent-id';

/** Where and as whom events are sent, or why they cannot be. */
export type SyncTarget =
  | {
      ok: true;
      url: string;
      token: string;
      agentId: string | null;
      /** Stands for URL + token in the stored auth block without keeping the token twice. */
      fingerprint: string;
    }
  | { ok: false; problem: 'not-configured' | 'agent-id-missing' };

type TargetSettings = Pick<
  Settings,
  'collectorUrl' | 'collectorToken' | 'identityMode' | 'agentId'
>;

/**
 * The agent id per identity mode (PRODUCT.md privacy rule 3): `identified` → the admin's
 * `agentId`; `pseudonymous` → a random id made once and kept in `storage.local`; `anonymous` →
 * null. Undefined: identified mode without an id (nothing may be sent as someone unnamed).
 */
export async function resolveAgentId(
  settings: Pick<Settings, 'identityMode' | 'agentId'>,
  store: KeyValueStore,
  newRandomId: () => string = () => crypto.randomUUID(),
): Promise<string | null | undefined> {
  if (settings.identityMode === 'anonymous') return null;
  if (settings.identityMode === 'identified') return settings.agentId;
  const kept = await store.get<string>(PSEUDONYMOUS_ID_KEY);
  if (typeof kept === 'string' && kept.length > 0) return kept;
  const made = newRandomId();
  await store.set(PSEUDONYMOUS_ID_KEY, made);
  return made;
}

export async function resolveSyncTarget(
  settings: TargetSettings,
  store: KeyValueStore,
  newRandomId?: () => string,
): Promise<SyncTarget> {
  const { collectorUrl: url, collectorToken: token } = settings;
  if (!url || !token) return { ok: false, problem: 'not-configured' };
  const agentId = await resolveAgentId(settings, store, newRandomId);
  if (agentId === undefined) return { ok: false, problem: 'agent-id-missing' };
  return { ok: true, url, token, agentId, fingerprint: await fingerprintOf(url, token) };
}

async function fingerprintOf(url: string, token: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${url}\n${token}`),
  );
  return Array.from(new Uint8Array(digest).slice(0, 12), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
