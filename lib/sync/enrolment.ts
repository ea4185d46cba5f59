import { z } from 'zod';
import type { KeyValueStore } from '../background/key-value';
import {
  API_PATHS,
  collectorTokenSchema,
  enrolResponseSchema,
  IDENTITY_MODES,
  type EnrolRequest,
} from '../../contract/api';
import type { RecordedIdentity } from '../storage/db';
import { parseRetryAfter } from './status-policy';
import type { SyncProblemKind } from './sync-state';
import type { ReadyTarget } from './sync-target';
import { identityIn } from './recorded-identity';

// Issue #13 item 4: the team's enrolment token (managed policy `collectorToken`) is traded once
// per install for a credential of the install's own, bound to one agent. Only that credential
// sends events.

export const ENROLMENT_KEY = 'sync-enrolment';
/** A random id made once per install: what the collector lists and revokes. */
export const INSTALL_ID_KEY = 'sync-install-id';

const storedEnrolmentSchema = z.object({
  /** The target fingerprint (URL, enrolment token, identity mode, agent id) it was made for. */
  for: z.string(),
  installId: z.uuid(),
  identityMode: z.enum(IDENTITY_MODES),
  agentId: z.string().nullable(),
  credential: collectorTokenSchema,
  enrolledAt: z.number(),
});
export type StoredEnrolment = z.infer<typeof storedEnrolmentSchema>;

/** Who events are sent as: the install credential and the agent it is bound to. */
export type Sender = { credential: string; agentId: string | null };

export type SenderOutcome =
  | { ok: true; sender: Sender }
  | {
      ok: false;
      problem: SyncProblemKind;
      status: number | null;
      retryAfterMs: number | null;
      /** The collector refused the enrolment token: retrying cannot help until it changes. */
      block: boolean;
    };

export type SenderSource = {
  /** The install's credential for `target`, enrolling first when it has none for it. */
  senderFor(target: ReadyTarget): Promise<SenderOutcome>;
  /** Drops a credential the collector no longer accepts; the next `senderFor` enrols again. */
  forget(): Promise<void>;
  /**
   * The identity of the enrolment kept (the last one events were sent as), or null: what events
   * queued before identities were recorded may have been recorded under (recorded-identity.ts).
   */
  enrolledAs?(): Promise<RecordedIdentity | null>;
};

export type EnrolmentDeps = {
  store: KeyValueStore;
  fetch: typeof fetch;
  now: () => number;
  newInstallId?: () => string;
  timeoutMs: number;
};

export function createEnrolment(deps: EnrolmentDeps): SenderSource {
  const newInstallId = deps.newInstallId ?? (() => crypto.randomUUID());

  async function installId(): Promise<string> {
    const kept = await deps.store.get<string>(INSTALL_ID_KEY);
    if (z.uuid().safeParse(kept).success) return kept!;
    const made = newInstallId();
    await deps.store.set(INSTALL_ID_KEY, made);
    return made;
  }

  async function enrol(target: ReadyTarget): Promise<SenderOutcome> {
    const id = await installId();
    const request: EnrolRequest =
      target.identityMode === 'identified'
        ? { installId: id, identityMode: 'identified', agentId: target.agentId ?? '' }
        : { installId: id, identityMode: target.identityMode };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
    let response: Response;
    let body: unknown;
    try {
      response = await deps.fetch(`${target.url}${API_PATHS.enrol}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
        body: JSON.stringify(request),
        signal: controller.signal,
      });
      body = await response.json().catch(() => undefined);
    } catch {
      const problem = controller.signal.aborted ? 'timeout' : 'network';
      return { ok: false, problem, status: null, retryAfterMs: null, block: false };
    } finally {
      clearTimeout(timer);
    }
    const answer = readEnrolAnswer(response, body, deps.now());
    if (!answer.ok) return answer;
    const { enrolled } = answer;
    await deps.store.set(ENROLMENT_KEY, {
      for: target.fingerprint,
      installId: enrolled.installId,
      identityMode: enrolled.identityMode,
      agentId: enrolled.agentId,
      credential: enrolled.credential,
      enrolledAt: deps.now(),
    } satisfies StoredEnrolment);
    return { ok: true, sender: { credential: enrolled.credential, agentId: enrolled.agentId } };
  }

  return {
    async senderFor(target) {
      const stored = storedEnrolmentSchema.safeParse(await deps.store.get(ENROLMENT_KEY));
      if (stored.success && stored.data.for === target.fingerprint) {
        return {
          ok: true,
          sender: { credential: stored.data.credential, agentId: stored.data.agentId },
        };
      }
      return enrol(target);
    },
    forget: () => deps.store.remove(ENROLMENT_KEY),
    async enrolledAs() {
      const stored = storedEnrolmentSchema.safeParse(await deps.store.get(ENROLMENT_KEY));
      if (!stored.success) return null;
      // In pseudonymous mode `agentId` is the collector's pseudonym: not an agent id.
      return identityIn(stored.data.identityMode, stored.data.agentId);
    },
  };
}

/** The enrolment the collector answered with, or what sync does about its refusal. */
function readEnrolAnswer(
  response: Response,
  body: unknown,
  now: number,
):
  | { ok: true; enrolled: z.infer<typeof enrolResponseSchema> }
  | Extract<SenderOutcome, { ok: false }> {
  const { status } = response;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  const retry = (problem: SyncProblemKind) =>
    ({ ok: false, problem, status, retryAfterMs, block: false }) as const;
  if (status === 201 || status === 200) {
    const enrolled = enrolResponseSchema.safeParse(body);
    return enrolled.success ? { ok: true, enrolled: enrolled.data } : retry('invalid-response');
  }
  if (status === 401 || status === 403) {
    return { ok: false, problem: 'unauthorised', status, retryAfterMs: null, block: true };
  }
  if (status === 429) return retry('rate-limited');
  if (status >= 500 || status === 408) return retry('server');
  return retry('unexpected-status');
}
