import {
  Dexie,
  type DBCoreMutateRequest,
  type EntityTable,
  type Middleware,
  type DBCore,
} from 'dexie';
import type { RecordContext } from '../context/record-context';
import type { IdentityMode } from '../../contract/api';
import type { OutboxEvent } from '../../contract/events';
import type { EffortScale } from '../../contract/prompt-settings';
import type {
  GapOutput,
  InAppTabSwitchOutput,
  InteractionEndedOutput,
  SegmentOutput,
  SwitchOutput,
} from '../tracking/outputs';

/** A record context as kept locally for the customer card (customer data: never leaves the browser). */
export type StoredContext = RecordContext & {
  key: string;
  /** Identity keys (email:, phone:, id:, link:) used to find the same customer in other apps. */
  identityKeys: string[];
  firstSeenAt: number;
  lastSeenAt: number;
};

/** A focus segment or a gap (idle, locked, outside, paused); stays local unless policy allows. */
export type StoredSpan = (SegmentOutput | GapOutput) & { id?: number };
export type StoredSwitch = (SwitchOutput | InAppTabSwitchOutput) & { id?: number };
export type StoredInteraction = InteractionEndedOutput & { id?: number };
/** One effort prompt, from its interaction's end to its outcome (issue #4). */
export type StoredPrompt = {
  id: string;
  recordKey: string;
  app: string;
  trigger: 'closed' | 'moved-on' | 'admin-trigger';
  /** The interaction it asks about, with its figures. */
  interaction: InteractionEndedOutput;
  state: 'pending' | 'shown' | 'answered' | 'dismissed' | 'snoozed' | 'timed-out' | 'skipped';
  createdAt: number;
  /** When the policy should be asked again (deferred), or when the outcome becomes final. */
  dueAt: number | null;
  shownAt?: number;
  /**
   * The scale it was shown with: the answer is checked against it and sent with it, whatever the
   * team chose since. Absent on rows from before it was kept: the scale in force applies.
   */
  scale?: EffortScale;
  answeredAt?: number;
  score?: number;
  reasons?: string[];
  skipReason?: string;
  /** Written to the outbox: the outcome is final. */
  final: boolean;
};

/**
 * An outbox row: the immutable event plus local bookkeeping that never leaves the browser.
 * `synced` is 0 until the collector acked the event, then 1 (IndexedDB cannot index a missing
 * `syncedAt`, so the flag is what `[synced+occurredAt]` finds unsynced events by, in order).
 * Writers may omit it: the database fills in 0 (see `defaultUnsynced`).
 */
export type OutboxRow = OutboxEvent & {
  synced?: 0 | 1;
  /** How often the event was dead-lettered before and sent back by the agent or admin. */
  deadLetterCount?: number;
  /**
   * The identity in force when the event was queued: it never goes as a more revealing one
   * (sync/recorded-identity.ts). Writers omit it: the database stamps it (see `stampRecordedAs`).
   */
  recordedAs?: RecordedIdentity;
};

/** An identity mode and, in `identified` mode, the admin's agent id (null: none known). */
export type RecordedIdentity = { mode: IdentityMode; agentId: string | null };

/** An event the collector refused for good (or that can never fit a request), kept for review. */
export type DeadLetter = {
  id: string;
  event: OutboxEvent;
  reason: string;
  failedAt: number;
  /** How many times it has been dead-lettered, counting this one. */
  attempts: number;
  /** The identity its event was queued under, kept so a retry cannot send it as another. */
  recordedAs?: RecordedIdentity;
};

/** Small named values: the tracker's state, how far hourly totals were emitted. */
export type MetaEntry = { key: string; value: unknown };

export const DATABASE_NAME = 'touchpoint';
/** `meta` key of the identity new outbox rows are stamped with (sync/recorded-identity.ts). */
export const RECORDING_IDENTITY_KEY = 'recording-identity';

/**
 * The identity in force as sync last learned it from the settings, in memory for the stamping
 * middleware (a write cannot wait for the settings) and in `meta` for the next worker life.
 * `adopted`: rows queued before identities were recorded have been given one.
 */
export type RecordingIdentityHolder = { current: RecordedIdentity | null; adopted: boolean };

/**
 * The one Dexie database of the extension. Opened only from the service worker and extension
 * pages, never from a content script (IndexedDB there would belong to the CRM's origin).
 * Released versions are never edited: add `version(n + 1)` with an upgrade instead.
 */
export function openTouchpointDb(name = DATABASE_NAME) {
  // Relaxed durability: a commit returns once the browser process has the data (it survives the
  // service worker being stopped), without waiting for the disk flush; only an OS crash can lose
  // the last moments. Measured: it takes the per-event write from ~4 ms to well under 1 ms.
  const db = new Dexie(name, { chromeTransactionDurability: 'relaxed' }) as Dexie & {
    contexts: EntityTable<StoredContext, 'key'>;
    spans: EntityTable<StoredSpan, 'id'>;
    switches: EntityTable<StoredSwitch, 'id'>;
    interactions: EntityTable<StoredInteraction, 'id'>;
    outbox: EntityTable<OutboxRow, 'id'>;
    meta: EntityTable<MetaEntry, 'key'>;
    prompts: EntityTable<StoredPrompt, 'id'>;
    deadLetters: EntityTable<DeadLetter, 'id'>;
  };
  db.version(1).stores({
    contexts: '&key, app, lastSeenAt, *identityKeys',
  });
  // Issue #3: switch measurement, and the outbox its summaries go to.
  db.version(2).stores({
    spans: '++id, start, type',
    switches: '++id, at',
    interactions: '++id, end, recordKey',
    outbox: '&id, type, occurredAt',
    meta: '&key',
  });
  // Issue #4: effort prompts.
  db.version(3).stores({ prompts: '&id, recordKey, state, createdAt, dueAt' });
  // Issue #5: upstream sync. Unsynced events in occurrence order, and events refused for good.
  db.version(4)
    .stores({
      outbox: '&id, type, occurredAt, [synced+occurredAt]',
      deadLetters: '&id, failedAt',
    })
    .upgrade((tx) =>
      tx
        .table<OutboxRow, string>('outbox')
        .toCollection()
        .modify((row) => {
          row.synced = row.syncedAt === undefined ? 0 : 1;
        }),
    );
  // Nothing looks events up by type or by time alone, and every index is written again when an
  // event is marked synced: without these two, draining a backlog writes half as much.
  db.version(5).stores({ outbox: '&id, [synced+occurredAt]' });
  // No new version: `recordedAs` is not indexed, and what rows queued before it count as needs
  // the settings and the enrolment, which an upgrade transaction cannot wait for. The first sync
  // run after the upgrade adopts them (sync/recorded-identity.ts `noteIdentityInForce`).
  const recordingIdentity: RecordingIdentityHolder = { current: null, adopted: false };
  // Dexie holds every other request until this resolves: no row is written before it is known.
  db.on(
    'ready',
    async (vip) => {
      const kept = (await vip.table<MetaEntry, string>('meta').get(RECORDING_IDENTITY_KEY))
        ?.value as RecordedIdentity | undefined;
      // Sync may have learned the identity before the first open of a fresh profile.
      recordingIdentity.current = kept ?? recordingIdentity.current;
      recordingIdentity.adopted = kept !== undefined;
    },
    true,
  );
  db.use(defaultUnsynced);
  db.use(stampRecordedAs(recordingIdentity));
  return Object.assign(db, { recordingIdentity });
}
export type TouchpointDb = ReturnType<typeof openTouchpointDb>;

/**
 * Every outbox row written without `synced` gets `synced: 0`, so the writers (tracking store,
 * feedback service) keep writing plain events and no new event escapes the unsynced index.
 */
const defaultUnsynced = fillOnWrite('outbox-default-unsynced', ['outbox'], 'synced', () => 0);

/**
 * Every outbox row and dead letter written without `recordedAs` gets the identity in force, so
 * the writers (tracking store, feedback service, adapter health, …) need not know it. Rows that
 * already carry one (marked synced, retried from the dead letters) keep theirs. Before sync has
 * ever learned the identity the row stays without: the first run adopts it.
 */
const stampRecordedAs = (holder: RecordingIdentityHolder) =>
  fillOnWrite('outbox-recorded-as', ['outbox', 'deadLetters'], 'recordedAs', () => holder.current);

/**
 * A middleware that gives each row added or put to `tables` without `field` the value `valueNow`
 * returns at the write (null: the row stays without).
 */
function fillOnWrite(
  name: string,
  tables: readonly string[],
  field: string,
  valueNow: () => unknown,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        if (!tables.includes(tableName)) return table;
        return {
          ...table,
          mutate(request: DBCoreMutateRequest) {
            const value = valueNow();
            if ((request.type !== 'add' && request.type !== 'put') || value === null)
              return table.mutate(request);
            const values = request.values.map((row: Record<string, unknown>) =>
              row[field] === undefined ? { ...row, [field]: value } : row,
            );
            return table.mutate({ ...request, values });
          },
        };
      },
    }),
  };
}
