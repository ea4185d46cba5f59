import type { AdapterHealth } from '../../contract/events';
import { CONTEXT_FIELDS, type ContextField } from '../../contract/record-fields';

// Adapter health counting (issue #16), pure. The background notes every record the content
// script reports; each record counts once per window (the time between two syncs), with each
// declared field matched if any report in the window matched it: a field that appears a moment
// after the first read (a page still rendering, the app's API answering) is not a miss. At sync,
// the window becomes one `adapter.health` count per app and hour, and starts again.

const HOUR_MS = 3_600_000;
/** A window holds at most this many records; later ones wait for the next window. */
export const MAX_WINDOW_RECORDS = 2_000;
/** The longest extractor label sent, as the contract allows. */
const MAX_RULE_LENGTH = 200;

type SeenRecord = {
  app: string;
  hourStart: number;
  /** Per declared field: the extractor that matched it, or null while none has. */
  fields: Partial<Record<ContextField, string | null>>;
};

/** Records seen since the last sync, by record key (kept on this device only). */
export type HealthWindow = { records: Record<string, SeenRecord> };

export const EMPTY_WINDOW: HealthWindow = { records: {} };

/**
 * The extractor as the report names it: the adapter's own rule (`selector:…`, `document.title`),
 * or `api` for a value read from the app's API (whose path holds the record's id).
 */
export function extractorLabel(rule: string): string {
  return rule.startsWith('api:') ? 'api' : rule.slice(0, MAX_RULE_LENGTH);
}

export type ObservedRecord = {
  recordKey: string;
  app: string;
  /** The fields the adapter in force reads from the page. */
  declared: readonly ContextField[];
  /** The context's `matchedBy`: for each field found, the rule that found it. */
  matchedBy: Readonly<Record<string, string>>;
};

/** The window with one more report counted in. Does not change `window`. */
export function observeRecord(
  window: HealthWindow,
  record: ObservedRecord,
  now: number,
): HealthWindow {
  const seen = window.records[record.recordKey];
  if (!seen && Object.keys(window.records).length >= MAX_WINDOW_RECORDS) return window;
  const next: SeenRecord = seen
    ? { ...seen, fields: { ...seen.fields } }
    : { app: record.app, hourStart: Math.floor(now / HOUR_MS) * HOUR_MS, fields: {} };
  for (const field of record.declared) {
    const rule = record.matchedBy[field];
    next.fields[field] = next.fields[field] ?? (rule ? extractorLabel(rule) : null);
  }
  return { records: { ...window.records, [record.recordKey]: next } };
}

/** The window's counts, one per app and hour: what the outbox sends. Counts only, no keys. */
export function summarizeWindow(window: HealthWindow): AdapterHealth[] {
  const groups = new Map<string, AdapterHealth>();
  for (const seen of Object.values(window.records)) {
    const groupKey = `${seen.app} ${seen.hourStart}`;
    const group = groups.get(groupKey) ?? {
      hourStart: seen.hourStart,
      app: seen.app,
      records: 0,
      fields: {},
    };
    groups.set(groupKey, group);
    group.records += 1;
    for (const field of CONTEXT_FIELDS) {
      if (!(field in seen.fields)) continue;
      const counts = (group.fields[field] ??= { matched: 0, missed: 0, extractors: {} });
      const rule = seen.fields[field];
      if (!rule) {
        counts.missed += 1;
        continue;
      }
      counts.matched += 1;
      // The contract takes at most 10 extractors a field: an 11th and later count as matched only.
      if (rule in counts.extractors || Object.keys(counts.extractors).length < 10) {
        counts.extractors[rule] = (counts.extractors[rule] ?? 0) + 1;
      }
    }
  }
  return [...groups.values()].sort(
    (a, b) => a.hourStart - b.hourStart || a.app.localeCompare(b.app),
  );
}
