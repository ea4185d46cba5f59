import type { Settings } from '../settings/definitions';
import { fingerprintOf } from '../settings/fingerprint';

/** Where events go and what the install enrols as, or why nothing can be sent. */
export type SyncTarget =
  | ReadyTarget
  | {
      ok: false;
      problem: 'not-configured' | 'agent-id-missing';
      /** The identity in force all the same: events queued meanwhile are recorded under it. */
      identityMode?: Settings['identityMode'];
      agentId?: string | null;
    };

export type ReadyTarget = {
  ok: true;
  url: string;
  /** The team's enrolment token: it buys the install credential that sends (sync/enrolment.ts). */
  token: string;
  identityMode: Settings['identityMode'];
  /** The admin's agent id in `identified` mode; null otherwise (the collector makes pseudonyms). */
  agentId: string | null;
  /**
   * Stands for URL, token, mode and agent id in the stored auth block and enrolment without
   * keeping the token twice: a change to any of them means enrolling again.
   */
  fingerprint: string;
};

type TargetSettings = Pick<
  Settings,
  'collectorUrl' | 'collectorToken' | 'identityMode' | 'agentId'
>;

/**
 * The target per identity mode (PRODUCT.md privacy rule 3): `identified` needs the admin's
 * `agentId` (nothing may be sent as someone unnamed); in `pseudonymous` mode the collector gives
 * the install its pseudonym at enrolment; `anonymous` installs are bound to no agent.
 */
export async function resolveSyncTarget(settings: TargetSettings): Promise<SyncTarget> {
  const { collectorUrl: url, collectorToken: token, identityMode } = settings;
  const agentId = identityMode === 'identified' ? settings.agentId || null : null;
  if (!url || !token) return { ok: false, problem: 'not-configured', identityMode, agentId };
  if (identityMode === 'identified' && !agentId)
    return { ok: false, problem: 'agent-id-missing', identityMode, agentId };
  return {
    ok: true,
    url,
    token,
    identityMode,
    agentId,
    fingerprint: await fingerprintOf([url, token, identityMode, agentId ?? '']),
  };
}
