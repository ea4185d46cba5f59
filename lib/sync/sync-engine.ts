import { Dexie } from 'dexie';
import type { DeadLetter, OutboxRow, RecordedIdentity, TouchpointDb } from '../storage/db';
import { API_PATHS, INGEST_LIMITS, type EventResult } from '../../contract/api';
import type { OutboxEvent } from '../../contract/events';
import { classifyAnswer, longestRetryDelayMs, retryDelayMs } from './status-policy';
import type { SyncProblemKind, SyncState } from './sync-state';
import { readSyncState, updateSyncState } from './sync-state-store';
import type { Sender, SenderOutcome, SenderSource } from './enrolment';
import type { ReadyTarget, SyncTarget } from './sync-target';
import {
  identityOf,
  mayGoAs,
  noteIdentityInForce,
  notSentReason,
  sameIdentity,
  UNKNOWN_IDENTITY,
} from './recorded-identity';

/** Below Chrome's 30 s limit for a fetch to keep an idle service worker alive. */
export const REQUEST_TIMEOUT_MS = 25_000;
/** A run holds the upload lease this long past each request; a dead worker's lease lapses. */
const LEASE_MARGIN_MS = 5_000;
const LEASE_KEY = 'sync-lease';
const HOLDS_KEY = 'sync-version-holds';
/** The most an event result's `retryAfterMs` may be (contract/api.ts). */
const LONGEST_DEFERRAL_MS = INGEST_LIMITS.maxDeferMs + 1_000;

/**
 * Events the collector will take only once it is updated (`deferredBecause: 'version'`), by type
 * and schema version, which is what it defers them for: offered again from `until`, `ms` being
 * the wait it asked for. Kept in `meta`: every run passes over them until then, in any worker life.
 */
type VersionHolds = Record<string, { until: number; ms: number }>;

const versionOf = (row: OutboxRow) => `${row.type}@${row.schemaVersion}`;

/**
 * Whether the stored wait holds back every event. The wait for the collector's update holds back
 * only the events it named, which the run passes over: the rest go at the usual pace (a new event
 * type once kept every upload waiting for six hours).
 */
function waitsForAll(state: SyncState): boolean {
  return state.lastError?.kind !== 'collector-outdated';
}

export type SyncConfig = { target: SyncTarget; backoffCapMs: number };

export type SyncEngineDeps = {
  db: TouchpointDb;
  fetch: typeof fetch;
  now: () => number;
  /** Uniform in [0, 1): the jitter. */
  random: () => number;
  config: () => Promise<SyncConfig>;
  /** The install credential events are sent with (sync/enrolment.ts). */
  senders: SenderSource;
  /** Who holds the lease (one per service worker life). */
  ownerId: string;
  limits?: { maxEvents: number; maxBytes: number };
  timeoutMs?: number;
};

export type SyncRunResult = {
  outcome: 'drained' | 'retry-later' | 'waiting' | 'blocked' | 'not-configured' | 'busy';
  /** Events acknowledged (stored or duplicate) in this run. */
  synced: number;
  deadLettered: number;
};

type Batch = Awaited<ReturnType<typeof readBatch>>;

/** One run's progress: what it sent, its batch size (smaller after a 413), its next batch. */
type SyncRun = {
  tally: SyncRunResult;
  target: ReadyTarget;
  /** Who the events go as; replaced once per run when the collector refuses the credential. */
  sender: Sender;
  /** The identity in force when the run began: only rows that may go as it are sent. */
  identity: RecordedIdentity;
  reenrolled: boolean;
  maxEvents: number;
  limits: () => { maxEvents: number; maxBytes: number };
  /** Read while marking the last batch, so the loop needs no read of its own. */
  next?: Batch;
  holds: VersionHolds;
  /** The versions passed over in this run: those held, unless the run ignores backoff. */
  heldBack: Set<string>;
  /** Events were held back in this run (deferred, or passed over). */
  held: boolean;
};

type Answer =
  { status: number; body: unknown; retryAfter: string | null } | { failure: 'network' | 'timeout' };

/** What goes over the wire: the event without local bookkeeping. */
function toWire(row: OutboxRow): OutboxEvent {
  const { id, type, occurredAt, schemaVersion, payload } = row;
  return { id, type, occurredAt, schemaVersion, payload } as OutboxEvent;
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/** An unsynced event that may not go as the identity in force, and why. */
type Refused = { row: OutboxRow; reason: string };

const NONE_HELD: ReadonlySet<string> = new Set();

/**
 * The oldest unsynced events that fit one request by count and by JSON bytes, in occurrence order
 * (ties in id order, which UUIDv7 makes creation order), among those that may go as `identity`;
 * those met on the way that may not are `refused`. `tooLarge` is set when the very first event
 * that may go alone exceeds the byte limit: no request could ever carry it. Events of a version
 * in `heldBack` (the collector will take them only later) are passed over; `heldAt` is the time of
 * the last.
 */
export async function readBatch(
  db: TouchpointDb,
  agentId: string | null,
  identity: RecordedIdentity,
  limits: { maxEvents: number; maxBytes: number },
  fromOccurredAt: number | undefined = undefined,
  heldBack: ReadonlySet<string> = NONE_HELD,
): Promise<{
  rows: OutboxRow[];
  tooLarge: OutboxRow | null;
  refused: Refused[];
  heldAt?: number;
}> {
  const candidates = await db.outbox
    .where('[synced+occurredAt]')
    .between([0, fromOccurredAt ?? Dexie.minKey], [0, Dexie.maxKey])
    .limit(limits.maxEvents)
    .toArray();
  let bytes = byteLength(JSON.stringify({ agentId, events: [] }));
  const rows: OutboxRow[] = [];
  const refused: Refused[] = [];
  let heldAt: number | undefined;
  for (const row of candidates) {
    if (heldBack.has(versionOf(row))) {
      heldAt = row.occurredAt;
      continue;
    }
    const recordedAs = row.recordedAs ?? UNKNOWN_IDENTITY;
    if (!mayGoAs(recordedAs, identity)) {
      refused.push({ row, reason: notSentReason(recordedAs, identity) });
      continue;
    }
    const size = byteLength(JSON.stringify(toWire(row))) + (rows.length > 0 ? 1 : 0);
    if (bytes + size > limits.maxBytes) {
      if (rows.length === 0) return { rows, tooLarge: row, refused, heldAt };
      break;
    }
    bytes += size;
    rows.push(row);
  }
  return { rows, tooLarge: null, refused, heldAt };
}

/**
 * Upstream sync (issue #5): sends the outbox to the collector in occurrence order and acts on
 * each answer per `STATUS_POLICY`. Reading, sending and marking are three steps: no request is
 * ever made inside a Dexie transaction. A worker that dies mid-upload loses nothing: the events
 * are still unsynced and the next run resends them; the collector dedupes by id.
 */
export function createSyncEngine(deps: SyncEngineDeps) {
  const { db } = deps;
  const limits = deps.limits ?? {
    maxEvents: INGEST_LIMITS.maxEventsPerBatch,
    maxBytes: INGEST_LIMITS.maxBodyBytes,
  };
  const timeoutMs = deps.timeoutMs ?? REQUEST_TIMEOUT_MS;
  let running: Promise<SyncRunResult> | undefined;
  let leaseRenewedAt = -Infinity;

  /**
   * Takes or renews the upload lease; false while another run holds it. Inside a running
   * transaction that includes `meta` (the marking of a batch) it joins that transaction.
   * Refused, it sets the next attempt to when that lease lapses: a browser closed mid-upload
   * leaves its worker's lease behind, and the first run after the restart would otherwise
   * wait for the periodic alarm (minutes), with no retry of its own to come back. A lease that
   * lapses later than any run sets one was taken on a clock since set back: it is taken over.
   */
  async function holdLease(): Promise<boolean> {
    return db.transaction('rw', db.meta, async () => {
      const lease = (await db.meta.get(LEASE_KEY))?.value as
        { owner: string; until: number } | undefined;
      const now = deps.now();
      const span = timeoutMs + LEASE_MARGIN_MS;
      if (lease && lease.owner !== deps.ownerId && lease.until > now && lease.until - now <= span) {
        await updateSyncState(db, (state) => ({
          ...state,
          nextAttemptAt: Math.max(state.nextAttemptAt ?? 0, lease.until),
        }));
        return false;
      }
      const until = now + span;
      await db.meta.put({ key: LEASE_KEY, value: { owner: deps.ownerId, until } });
      leaseRenewedAt = now;
      return true;
    });
  }

  /**
   * Before each request the lease must cover it. Marking a batch renews it in the same
   * transaction, so the next request needs no transaction of its own (each costs a commit).
   */
  async function ensureLease(): Promise<boolean> {
    return deps.now() - leaseRenewedAt < LEASE_MARGIN_MS || holdLease();
  }

  async function releaseLease() {
    await db.transaction('rw', db.meta, async () => {
      const lease = (await db.meta.get(LEASE_KEY))?.value as { owner: string } | undefined;
      if (lease?.owner === deps.ownerId) await db.meta.delete(LEASE_KEY);
    });
  }

  async function post(run: SyncRun, rows: OutboxRow[]): Promise<Answer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await deps.fetch(`${run.target.url}${API_PATHS.events}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${run.sender.credential}`,
        },
        body: JSON.stringify({ agentId: run.sender.agentId, events: rows.map(toWire) }),
        signal: controller.signal,
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
    } catch {
      return { failure: controller.signal.aborted ? 'timeout' : 'network' };
    } finally {
      clearTimeout(timer);
    }
  }

  function deadLetterOf(row: OutboxRow, reason: string, now: number): DeadLetter {
    return {
      id: row.id,
      event: toWire(row),
      reason,
      failedAt: now,
      attempts: (row.deadLetterCount ?? 0) + 1,
      recordedAs: row.recordedAs ?? UNKNOWN_IDENTITY,
    };
  }

  /**
   * Marks what the collector acknowledged and dead-letters what it refused for good, in one
   * transaction that also reads the run's next batch from where this one ended (every transaction
   * costs a commit, and a drain is mostly commits). Events the collector will take later stay
   * queued. Dated ahead of its clock (a clock set wrong, here or there), so is every later event:
   * the run stops until the first may go, and `next` is undefined. Newer than the collector, their
   * version is held (`holds`): passed over until then by this run, which goes on with the others,
   * and by the next ones.
   */
  async function settle(
    rows: OutboxRow[],
    results: EventResult[],
    run: SyncRun,
  ): Promise<Batch | undefined> {
    const { tally } = run;
    const now = deps.now();
    const acked: OutboxRow[] = [];
    const dead: DeadLetter[] = [];
    let earliestRetryMs = Infinity;
    let holdsChanged = false;
    for (const result of results) {
      const row = rows[result.index]!;
      const version = versionOf(row);
      if (result.status !== 'rejected') {
        acked.push({ ...row, synced: 1, syncedAt: now });
        // Taken after all ("Sync now" once the collector was updated): no longer held.
        if (run.holds[version]) {
          delete run.holds[version];
          holdsChanged = true;
        }
      } else if (result.retryAfterMs === undefined)
        dead.push(deadLetterOf(row, result.reason ?? 'rejected by the collector', now));
      else if (result.deferredBecause === 'version') {
        run.heldBack.add(version);
        run.held = true;
        run.holds[version] = { until: now + result.retryAfterMs, ms: result.retryAfterMs };
        holdsChanged = true;
      } else earliestRetryMs = Math.min(earliestRetryMs, result.retryAfterMs);
    }
    const early = earliestRetryMs !== Infinity;
    const next = await db.transaction('rw', [db.outbox, db.deadLetters, db.meta], async () => {
      // The rows were just read and events never change: writing them back marked is one pass,
      // where an update would read each one again (half the drain time of a large backlog).
      await db.outbox.bulkPut(acked);
      await moveToDeadLetters(dead);
      if (holdsChanged) await db.meta.put({ key: HOLDS_KEY, value: run.holds });
      await holdLease();
      await updateSyncState(db, (state) => ({
        ...state,
        attempts: 0,
        nextAttemptAt: early ? now + earliestRetryMs : null,
        lastError: early ? { kind: 'clock-ahead', status: null, at: now } : null,
        lastSuccessAt: early && acked.length === 0 ? state.lastSuccessAt : now,
        syncedCount: state.syncedCount + acked.length,
      }));
      if (early) return undefined;
      return readBatch(
        db,
        run.sender.agentId,
        run.identity,
        run.limits(),
        rows.at(-1)!.occurredAt,
        run.heldBack,
      );
    });
    tally.synced += acked.length;
    tally.deadLettered += dead.length;
    return next;
  }

  async function moveToDeadLetters(dead: DeadLetter[]) {
    if (dead.length === 0) return;
    await db.transaction('rw', [db.outbox, db.deadLetters], async () => {
      await db.deadLetters.bulkPut(dead);
      await db.outbox.bulkDelete(dead.map((letter) => letter.id));
    });
  }

  async function deadLetter(row: OutboxRow, reason: string, tally: SyncRunResult) {
    await deadLetterAll([{ row, reason }], tally);
  }

  async function deadLetterAll(refused: Refused[], tally: SyncRunResult) {
    if (refused.length === 0) return;
    const now = deps.now();
    await moveToDeadLetters(refused.map(({ row, reason }) => deadLetterOf(row, reason, now)));
    tally.deadLettered += refused.length;
  }

  /**
   * Whether any unsynced event may go as `identity`; those before it that may not are
   * dead-lettered on the way. Enrolment waits for one: an idle install costs the collector nothing.
   */
  async function anyToSend(
    identity: RecordedIdentity,
    tally: SyncRunResult,
  ): Promise<boolean | 'identity-changed'> {
    let fromOccurredAt: number | undefined;
    for (;;) {
      const { rows, refused } = await readBatch(
        db,
        null,
        identity,
        { maxEvents: 100, maxBytes: Infinity },
        fromOccurredAt,
      );
      if (identityChanged(identity)) return 'identity-changed';
      await deadLetterAll(refused, tally);
      if (rows.length > 0) return true;
      if (refused.length === 0) return false;
      fromOccurredAt = refused.at(-1)!.row.occurredAt;
    }
  }

  /**
   * Whether the identity in force is no longer `identity`. Asked after each read: a row stamped
   * with a newer identity can only have been written after the change, so a read the check
   * follows holds none, and nothing recorded since goes as the old identity or to the dead
   * letters for not matching it.
   */
  function identityChanged(identity: RecordedIdentity): boolean {
    return !sameIdentity(db.recordingIdentity.current, identity);
  }

  /** Learns the identity in force from the settings: new outbox rows are stamped with it. */
  async function noteIdentity(target: SyncTarget) {
    const identity = identityOf(target);
    if (identity)
      await noteIdentityInForce(
        db,
        identity,
        () => deps.senders.enrolledAs?.() ?? Promise.resolve(null),
      );
  }

  async function scheduleRetry(
    kind: SyncProblemKind,
    status: number | null,
    retryAfterMs: number | null,
    backoffCapMs: number,
  ) {
    const now = deps.now();
    await updateSyncState(db, (state) => {
      const attempts = state.attempts + 1;
      const delay = retryDelayMs(attempts, backoffCapMs, retryAfterMs, deps.random);
      return {
        ...state,
        attempts,
        nextAttemptAt: now + delay,
        lastError: { kind, status, at: now },
      };
    });
  }

  /**
   * Sends `rows` and acts on the answer; splits recurse in order, so events still leave in
   * occurrence order. `stop` ends the run (retry later, or blocked).
   */
  async function send(
    rows: OutboxRow[],
    config: SyncConfig,
    run: SyncRun,
  ): Promise<'continue' | 'stop'> {
    run.next = undefined;
    if (!(await ensureLease())) return 'stop';
    const answer = await post(run, rows);
    if ('failure' in answer) {
      await scheduleRetry(answer.failure, null, null, config.backoffCapMs);
      return 'stop';
    }
    const ids = rows.map((row) => row.id);
    const verdict = classifyAnswer(answer.status, answer.body, answer.retryAfter, ids, deps.now());
    switch (verdict.action) {
      case 'ack':
        run.next = await settle(rows, verdict.results, run);
        return run.next ? 'continue' : 'stop';
      case 'split':
      case 'isolate': {
        if (rows.length === 1) {
          const reason =
            verdict.action === 'split'
              ? 'too large for the collector (HTTP 413)'
              : `refused by the collector: ${verdict.message}`;
          await deadLetter(rows[0]!, reason, run.tally);
          return 'continue';
        }
        const half = Math.ceil(rows.length / 2);
        // Later batches of this run start small after a 413, instead of splitting every time.
        if (verdict.action === 'split') run.maxEvents = Math.min(run.maxEvents, half);
        for (const part of [rows.slice(0, half), rows.slice(half)]) {
          if ((await send(part, config, run)) === 'stop') return 'stop';
        }
        return 'continue';
      }
      case 'block': {
        // A revoked install credential (or one the collector forgot) is not the admin's
        // problem: enrol again once, and send the same rows as the new credential.
        if (!run.reenrolled) {
          run.reenrolled = true;
          await deps.senders.forget();
          const sender = await senderOf(
            await deps.senders.senderFor(run.target),
            run.target,
            config,
          );
          if (!sender) return 'stop';
          run.sender = sender;
          return send(rows, config, run);
        }
        await block(run.target, verdict.status);
        return 'stop';
      }
      case 'retry':
        await scheduleRetry(
          verdict.problem,
          verdict.status,
          verdict.retryAfterMs,
          config.backoffCapMs,
        );
        return 'stop';
    }
  }

  /**
   * The holds still in force. One that ends further ahead than the collector asked was set on a
   * clock since set back (a fast clock put right): it ends now, and the events are offered again.
   */
  async function readHolds(now: number): Promise<VersionHolds> {
    const stored = ((await db.meta.get(HOLDS_KEY))?.value ?? {}) as VersionHolds;
    return Object.fromEntries(
      Object.entries(stored).filter(([, hold]) => hold.until > now && hold.until - now <= hold.ms),
    );
  }

  /**
   * The longest wait the engine sets for the problem stored: a later next attempt was set on a
   * clock since set back (a fast clock put right), which would keep uploads waiting for as long.
   */
  function longestWaitMs(state: SyncState, backoffCapMs: number): number {
    const kind = state.lastError?.kind;
    if (kind === 'clock-ahead' || kind === 'collector-outdated') return LONGEST_DEFERRAL_MS;
    return Math.max(longestRetryDelayMs(backoffCapMs), timeoutMs + LEASE_MARGIN_MS);
  }

  /**
   * Events newer than the collector wait for its update. `nextAttemptAt` says until when, for the
   * popup and the retry alarm; it holds back only them (see `waitsForAll`).
   */
  async function holdUntilCollectorUpdated(holds: VersionHolds) {
    const now = deps.now();
    const until = Math.min(...Object.values(holds).map((hold) => hold.until));
    await updateSyncState(db, (state) => ({
      ...state,
      nextAttemptAt: until,
      lastError: { kind: 'collector-outdated', status: null, at: now },
    }));
  }

  async function block(target: ReadyTarget, status: number | null) {
    const now = deps.now();
    await updateSyncState(db, (state) => ({
      ...state,
      blockedFor: target.fingerprint,
      nextAttemptAt: null,
      lastError: { kind: 'unauthorised', status, at: now },
    }));
  }

  /** Who to send as; null when there is nobody yet, after recording why and when to retry. */
  async function senderOf(
    outcome: SenderOutcome,
    target: ReadyTarget,
    config: SyncConfig,
  ): Promise<Sender | null> {
    if (outcome.ok) return outcome.sender;
    if (outcome.block) await block(target, outcome.status);
    else
      await scheduleRetry(
        outcome.problem,
        outcome.status,
        outcome.retryAfterMs,
        config.backoffCapMs,
      );
    return null;
  }

  /**
   * One run. When the identity in force changes under it (a change of settings triggers `run`,
   * which learns the new identity even while this run goes on), it starts again as the new one:
   * rows recorded since go neither as the old identity nor to the dead letters.
   */
  async function runOnce(ignoreBackoff: boolean): Promise<SyncRunResult> {
    const tally: SyncRunResult = { outcome: 'drained', synced: 0, deadLettered: 0 };
    for (let restarts = 0; ; restarts++) {
      const outcome = await runAs(ignoreBackoff, tally);
      // Settings changing again and again: the alarm tries later.
      if (outcome !== 'identity-changed') return { ...tally, outcome };
      if (restarts === 3) return { ...tally, outcome: 'retry-later' };
    }
  }

  async function runAs(
    ignoreBackoff: boolean,
    tally: SyncRunResult,
  ): Promise<SyncRunResult['outcome'] | 'identity-changed'> {
    const config = await deps.config();
    const { target } = config;
    await noteIdentity(target);
    const now = deps.now();
    if (!target.ok) {
      await updateSyncState(db, (state) => ({
        ...state,
        nextAttemptAt: null,
        lastError: { kind: target.problem, status: null, at: now },
      }));
      return 'not-configured';
    }
    let state: SyncState = await readSyncState(db);
    if (state.blockedFor === target.fingerprint) return 'blocked';
    const unconfigured = ['not-configured', 'agent-id-missing'].includes(
      state.lastError?.kind ?? '',
    );
    if (state.blockedFor !== null || unconfigured) {
      // The URL or token changed since the collector refused them (or they were missing).
      state = await updateSyncState(db, (current) => ({
        ...current,
        blockedFor: null,
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
      }));
    }
    const wait = state.nextAttemptAt === null ? 0 : state.nextAttemptAt - now;
    if (wait > longestWaitMs(state, config.backoffCapMs))
      await updateSyncState(db, (current) => ({ ...current, nextAttemptAt: null }));
    else if (wait > 0 && !ignoreBackoff && waitsForAll(state)) return 'waiting';
    if (!(await holdLease())) return 'busy';
    // Nothing left to send: no retry waits. A retry time left behind would soon be past, and the
    // service retries a past time at once, finds nothing again, and so on.
    const drained = async () => {
      if (state.nextAttemptAt !== null)
        await updateSyncState(db, (current) => ({ ...current, nextAttemptAt: null }));
      return 'drained' as const;
    };
    try {
      await updateSyncState(db, (current) => ({ ...current, lastAttemptAt: now }));
      const identity = identityOf(target);
      const toSend = await anyToSend(identity, tally);
      if (toSend === 'identity-changed') return toSend;
      if (!toSend) return drained();
      const sender = await senderOf(await deps.senders.senderFor(target), target, config);
      if (!sender) {
        const after = await readSyncState(db);
        return after.blockedFor === null ? 'retry-later' : 'blocked';
      }
      const holds = await readHolds(now);
      const run: SyncRun = {
        tally,
        target,
        sender,
        identity,
        reenrolled: false,
        maxEvents: limits.maxEvents,
        limits: () => ({ maxEvents: run.maxEvents, maxBytes: limits.maxBytes }),
        holds,
        heldBack: new Set(ignoreBackoff ? [] : Object.keys(holds)),
        held: false,
      };
      // Within a run, each read starts where the last batch ended: the index entries just marked
      // synced linger as deleted entries in the browser's LevelDB until it compacts, and a read
      // from the start of the range would step over all of them (measured: 14 ms for the first
      // batch of a 50,000 backlog, 565 ms for the 45th). Events written meanwhile with an earlier
      // time go with the next run.
      let fromOccurredAt: number | undefined;
      for (;;) {
        const { rows, tooLarge, refused, heldAt } =
          run.next ??
          (await readBatch(
            db,
            run.sender.agentId,
            run.identity,
            run.limits(),
            fromOccurredAt,
            run.heldBack,
          ));
        run.next = undefined;
        if (heldAt !== undefined) run.held = true;
        if (identityChanged(run.identity)) return 'identity-changed';
        await deadLetterAll(refused, tally);
        if (tooLarge) {
          await deadLetter(tooLarge, 'larger than one request to the collector may be', tally);
          continue;
        }
        if (rows.length === 0) {
          const passed = Math.max(refused.at(-1)?.row.occurredAt ?? -Infinity, heldAt ?? -Infinity);
          if (passed === -Infinity) break;
          // Held-back events stay unsynced: a read that found only them would find them again.
          if (refused.length === 0 && fromOccurredAt !== undefined && passed <= fromOccurredAt)
            break;
          fromOccurredAt = passed;
          continue;
        }
        if ((await send(rows, config, run)) === 'stop') {
          const after = await readSyncState(db);
          return after.blockedFor === null ? 'retry-later' : 'blocked';
        }
        fromOccurredAt = rows.at(-1)!.occurredAt;
      }
      if (!run.held || Object.keys(run.holds).length === 0) return drained();
      await holdUntilCollectorUpdated(run.holds);
      return 'retry-later';
    } finally {
      await releaseLease();
    }
  }

  /** Learns the identity in force now, for `run` calls that join a run in progress. */
  async function refreshIdentity() {
    await noteIdentity((await deps.config()).target);
  }

  return {
    /**
     * Sends until the outbox is drained or a stop condition. Single-flight: a trigger during a
     * run joins it (the run picks up events queued meanwhile). `ignoreBackoff` for "Sync now",
     * coming back online and changed settings; the auth block holds regardless.
     */
    run(options: { ignoreBackoff?: boolean } = {}): Promise<SyncRunResult> {
      if (running) {
        // A trigger during a run (a change of settings among them): events queued from now on
        // are stamped with the identity in force now, and the run starts again as it if changed.
        // A failure here is the run's to report.
        void refreshIdentity().catch(() => undefined);
        return running;
      }
      running = runOnce(options.ignoreBackoff ?? false).finally(() => {
        running = undefined;
      });
      return running;
    },
    /**
     * Learns the identity in force from the settings (new outbox rows are stamped with it), e.g.
     * when the worker starts; every run does so too.
     */
    noteIdentityInForce: refreshIdentity,
    isRunning: () => running !== undefined,
  };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;
