import type { OutboxEvent } from '../../contract/events';
import { createUuidV7 } from '../../contract/uuidv7';

const HOUR_MS = 3_600_000;
const uuid = createUuidV7();

/** One valid event of every outbox type, as the extension would queue it at `now`. */
export function sampleEvents(now = Date.now()): OutboxEvent[] {
  const end = now - 60_000;
  const interaction = {
    app: 'zendesk',
    recordType: 'ticket' as const,
    recordHash: 'a'.repeat(64),
    start: end - 300_000,
    end,
    endReason: 'closed' as const,
    handleMs: 240_000,
    awayMs: 50_000,
    outsideMs: 10_000,
    switchCount: 4,
    inAppTabSwitches: 1,
    returns: 3,
    distinctApps: 2,
    appsUsed: ['zendesk', 'gmail'],
  };
  const hourStart = Math.floor(end / HOUR_MS) * HOUR_MS - HOUR_MS;
  return [
    {
      id: uuid(end),
      type: 'interaction.summary',
      occurredAt: end,
      schemaVersion: 1,
      payload: interaction,
    },
    {
      id: uuid(hourStart + HOUR_MS),
      type: 'app.hourly',
      occurredAt: hourStart + HOUR_MS,
      schemaVersion: 1,
      payload: { hourStart, app: 'zendesk', ms: 1_200_000 },
    },
    {
      id: uuid(end + 5_000),
      type: 'prompt.outcome',
      occurredAt: end + 5_000,
      schemaVersion: 1,
      payload: {
        outcome: 'answered',
        trigger: 'closed',
        scale: '1-5',
        score: 4,
        reasons: ['too-many-tools'],
        skipReason: null,
        shownAt: end + 1_000,
        latencyMs: 4_000,
        interaction,
      },
    },
    {
      id: uuid(end + 6_000),
      type: 'events.dropped',
      occurredAt: end + 6_000,
      schemaVersion: 1,
      payload: {
        count: 3,
        reason: 'quota',
        byType: { 'app.hourly': 3 },
        oldestOccurredAt: end - 86_400_000,
        newestOccurredAt: end - 3_600_000,
      },
    },
    {
      id: uuid(end + 7_000),
      type: 'cx.observed',
      occurredAt: end + 7_000,
      schemaVersion: 1,
      payload: { app: 'zendesk', recordType: 'ticket', recordHash: 'b'.repeat(64), csat: 5 },
    },
    {
      id: uuid(end + 8_000),
      type: 'adapter.health',
      occurredAt: end + 8_000,
      schemaVersion: 1,
      payload: {
        hourStart,
        app: 'zendesk',
        records: 12,
        fields: {
          subject: { matched: 11, missed: 1, extractors: { 'selector:.subject': 11 } },
          customerEmail: { matched: 12, missed: 0, extractors: { api: 12 } },
        },
      },
    },
  ];
}

export type Leaf = { path: (string | number)[]; value: unknown; isKey?: boolean };

/** Every leaf value (and every record key) of a JSON value, with its path. */
export function leavesOf(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leavesOf(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(path.at(-1) === 'byType' ? [{ path: [...path, key], value: key, isKey: true }] : []),
      ...leavesOf(item, [...path, key]),
    ]);
  }
  return [{ path, value }];
}

/** A deep copy of `root` with the leaf at `path` replaced (or its key renamed, for record keys). */
export function withLeaf<T>(root: T, leaf: Leaf, replacement: unknown): T {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const parent = leaf.path
    .slice(0, -1)
    .reduce<Record<string | number, unknown>>(
      (node, key) => node[key] as Record<string | number, unknown>,
      copy,
    );
  const last = leaf.path.at(-1)!;
  if (leaf.isKey) {
    parent[replacement as string] = parent[last];
    delete parent[last];
  } else parent[last] = replacement;
  return copy as T;
}
