import {
  BROKEN_HIT_RATE,
  HEALTHY_HIT_RATE,
  type AdapterHealthReport,
  type FieldHealthSeries,
} from '../../../contract/adapter-health';
import type { AdapterHealth } from '../../../contract/events';
import { CONTEXT_FIELDS, type ContextField } from '../../../contract/record-fields';

// Adapter health (issue #16): the installs' hourly counts summed per adapter, field and hour,
// and the rule that flags a field that broke. Pure: the route reads the rows and the clock.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Fewer records than this before a drop say too little about how healthy the field was. */
export const MIN_RECORDS_BEFORE = 10;
/** Fewer records than this after it could be one odd page, not a broken selector. */
export const MIN_RECORDS_SINCE = 3;

export type HourCounts = { hourStart: number; matched: number; missed: number };

const rateOf = (hours: readonly HourCounts[]) => {
  const matched = hours.reduce((sum, hour) => sum + hour.matched, 0);
  const total = hours.reduce((sum, hour) => sum + hour.matched + hour.missed, 0);
  return { rate: total === 0 ? null : matched / total, total };
};

/**
 * Whether a field broke: some hour `h` in the last day opens a stretch (up to now) in which it
 * matched fewer than half its records, while in the 24 hours before `h` it matched at least 90%.
 * The earliest such hour is the one reported. `hours` is sorted, oldest first.
 */
export function findHitRateDrop(
  hours: readonly HourCounts[],
  now: number,
): { since: number; rateBefore: number; rateSince: number } | null {
  for (const [index, hour] of hours.entries()) {
    if (hour.hourStart < now - DAY_MS) continue;
    const before = rateOf(
      hours.filter((h) => h.hourStart >= hour.hourStart - DAY_MS && h.hourStart < hour.hourStart),
    );
    const since = rateOf(hours.slice(index));
    if (
      before.rate !== null &&
      since.rate !== null &&
      before.total >= MIN_RECORDS_BEFORE &&
      since.total >= MIN_RECORDS_SINCE &&
      before.rate >= HEALTHY_HIT_RATE &&
      since.rate < BROKEN_HIT_RATE
    ) {
      return { since: hour.hourStart, rateBefore: before.rate, rateSince: since.rate };
    }
  }
  return null;
}

type FieldTotals = { hours: Map<number, HourCounts>; extractors: Map<number, Map<string, number>> };

/** Sums every install's counts per adapter, field and hour, and flags the fields that broke. */
export function buildAdapterHealthReport(
  rows: readonly AdapterHealth[],
  range: { from: number; to: number },
): AdapterHealthReport {
  const apps = new Map<string, { records: number; fields: Map<ContextField, FieldTotals> }>();
  for (const row of rows) {
    if (row.hourStart < range.from || row.hourStart > range.to) continue;
    const app = apps.get(row.app) ?? { records: 0, fields: new Map() };
    apps.set(row.app, app);
    app.records += row.records;
    for (const field of CONTEXT_FIELDS) {
      const counts = row.fields[field];
      if (!counts) continue;
      const totals: FieldTotals = app.fields.get(field) ?? {
        hours: new Map(),
        extractors: new Map(),
      };
      app.fields.set(field, totals);
      const hour = totals.hours.get(row.hourStart) ?? {
        hourStart: row.hourStart,
        matched: 0,
        missed: 0,
      };
      totals.hours.set(row.hourStart, hour);
      hour.matched += counts.matched;
      hour.missed += counts.missed;
      const byRule = totals.extractors.get(row.hourStart) ?? new Map<string, number>();
      totals.extractors.set(row.hourStart, byRule);
      for (const [rule, count] of Object.entries(counts.extractors)) {
        byRule.set(rule, (byRule.get(rule) ?? 0) + count);
      }
    }
  }

  return {
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    apps: [...apps.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([app, { records, fields }]) => ({
        app,
        records,
        fields: CONTEXT_FIELDS.filter((field) => fields.has(field)).map((field) =>
          fieldSeries(field, fields.get(field)!, range.to),
        ),
      })),
  };
}

function fieldSeries(field: ContextField, totals: FieldTotals, now: number): FieldHealthSeries {
  const hours = [...totals.hours.values()].sort((a, b) => a.hourStart - b.hourStart);
  const lastHour = hours.at(-1)?.hourStart ?? now;
  const recent = hours.filter((hour) => hour.hourStart > lastHour - DAY_MS);
  const recentRules = new Map<string, number>();
  for (const [hourStart, byRule] of totals.extractors) {
    if (hourStart <= lastHour - DAY_MS) continue;
    for (const [rule, count] of byRule) recentRules.set(rule, (recentRules.get(rule) ?? 0) + count);
  }
  const extractors = [...recentRules.entries()]
    .map(([rule, count]) => ({ rule, count }))
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
  const drop = findHitRateDrop(hours, now);
  return {
    field,
    hours: hours.map((hour) => ({ ...hour, hourStart: new Date(hour.hourStart).toISOString() })),
    recentHitRate: rateOf(recent).rate,
    extractorInUse: extractors[0]?.rule ?? null,
    extractors,
    flag: drop && { ...drop, since: new Date(drop.since).toISOString() },
  };
}
