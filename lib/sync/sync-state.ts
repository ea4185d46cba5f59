// The sync state's shape, without storage: the status schema travels in messages, so every page
// that speaks the protocol imports this file (and must not load Dexie for it). Storage:
// sync-state-store.ts.
import { z } from 'zod';
import { IDENTITY_MODES } from '../../contract/api';

const ms = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

export const SYNC_PROBLEMS = [
  'not-configured',
  'agent-id-missing',
  'network',
  'timeout',
  'server',
  'rate-limited',
  'invalid-response',
  'unexpected-status',
  'unauthorised',
  /** Events dated ahead of the collector's clock wait until their time (a clock set wrong). */
  'clock-ahead',
  /** Events newer than the collector (type or schema version) wait for its update. */
  'collector-outdated',
] as const;
export type SyncProblemKind = (typeof SYNC_PROBLEMS)[number];

export const syncProblemSchema = z.object({
  kind: z.enum(SYNC_PROBLEMS),
  /** The HTTP status, when the collector answered. */
  status: z.number().int().nullable(),
  at: ms,
});
export type SyncProblem = z.infer<typeof syncProblemSchema>;

/**
 * What the engine remembers between runs. Kept in the `meta` table because the service worker
 * can stop at any moment: backoff and the auth block must survive it.
 */
export const syncStateSchema = z.object({
  /** Consecutive failed attempts; 0 after a success. */
  attempts: count,
  nextAttemptAt: ms.nullable(),
  lastAttemptAt: ms.nullable(),
  lastSuccessAt: ms.nullable(),
  lastError: syncProblemSchema.nullable(),
  /** Fingerprint of the collector URL and token the collector refused (401/403); null when not blocked. */
  blockedFor: z.string().nullable(),
  /** Events the collector acknowledged (stored or duplicate) since install. */
  syncedCount: count,
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const INITIAL_SYNC_STATE: SyncState = {
  attempts: 0,
  nextAttemptAt: null,
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
  blockedFor: null,
  syncedCount: 0,
};

export const SYNC_STATE_KEY = 'sync-state';
/** `storage.local` key written by an extension page: `navigator.storage.persist()` exists only in windows. */
export const STORAGE_PERSISTED_KEY = 'storage-persisted';

/** What the popup, the options page and tests see (`sync.status`). */
export const syncStatusSchema = z.object({
  /** Collector URL and token are set (and an agent id in identified mode). */
  configured: z.boolean(),
  identityMode: z.enum(IDENTITY_MODES),
  /** Events waiting to be sent. */
  pending: count,
  deadLetters: count,
  syncedCount: count,
  lastSuccessAt: ms.nullable(),
  lastError: syncProblemSchema.nullable(),
  nextAttemptAt: ms.nullable(),
  /** The collector refused the token: nothing is sent until the URL or token changes. */
  blocked: z.boolean(),
  running: z.boolean(),
  /** `navigator.storage.persist()` as last answered; null when not asked yet. */
  storagePersisted: z.boolean().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
