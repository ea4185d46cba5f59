import {
  BROKEN_HIT_RATE,
  HEALTHY_HIT_RATE,
  type AdapterHealthReport,
  type FieldHealthSeries,
} from '../../../contract/adapter-health';
import type { AdapterHealth } from '../../../contract/events';
import { CONTEXT_FIELDS, type ContextField } from '../../../contract/record-fields';

// Adapter health (issue #16): the installs' hourly counts summed per adapter, field and hour,
// with the hours that too few people went into held back, and the rule that flags a field that
// broke. Pure: the route reads the rows, the team's minimum group size and the clock.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Fewer records than this before a drop say too little about how healthy the field was. */
export const MIN_RECORDS_BEFORE = 10;
/** Fewer records than this after it could be one odd page, not a broken selector. */
export const MIN_RECORDS_SINCE = 3;

export type HourCounts = { hourStart: number; matched: number; missed: number };

const sumOf = <T>(items: readonly T[], value: (item: T) => number) =>
  items.reduce((sum, item) => sum + value(item), 0);

const rateOf = (hours: readonly HourCounts[]) => {
  const matched = sumOf(hours, (hour) => hour.matched);
  const total = sumOf(hours, (hour) => hour.matched + hour.missed);
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

/**
 * One `adapter.health` row as stored, with the person who sent it (agent id, else install) and
 * when the collector received it (epoch ms).
 */
export type HealthRow = { person: string; health: AdapterHealth; receivedAt: number };

/**
 * The rows of each cell (`cellOf`) that may be shown: in the order received, up to the last row
 * that completes a step of at least `minGroupSize` people, counted from the step before. An hour
 * still filling grows only by such steps: installs send their counts at every sync, and two reads
 * a few minutes apart must not tell what one person's sync added (the first step is the rule of
 * `minGroupSize` people per cell itself). What follows the last step waits for more people.
 */
export function shownInSteps(
  rows: readonly HealthRow[],
  cellOf: (row: HealthRow) => string,
  minGroupSize: number,
): Set<HealthRow> {
  const cells = new Map<string, HealthRow[]>();
  for (const row of rows) {
    const cell = cells.get(cellOf(row));
    if (cell) cell.push(row);
    else cells.set(cellOf(row), [row]);
  }
  const shown = new Set<HealthRow>();
  for (const cell of cells.values()) {
    cell.sort((a, b) => a.receivedAt - b.receivedAt || a.person.localeCompare(b.person));
    let stepStart = 0;
    let people = new Set<string>();
    for (const [index, row] of cell.entries()) {
      people.add(row.person);
      if (people.size < minGroupSize) continue;
      for (const stepRow of cell.slice(stepStart, index + 1)) shown.add(stepRow);
      stepStart = index + 1;
      people = new Set();
    }
  }
  return shown;
}

type HourTotals = HourCounts & { people: Set<string>; extractors: Map<string, number> };
type AppTotals = {
  hours: Map<number, { records: number; people: Set<string> }>;
  fields: Map<ContextField, Map<number, HourTotals>>;
};

/**
 * Sums every install's counts per adapter, field and hour, holds back every hour that fewer than
 * `minGroupSize` people's counts went into, and flags the fields that broke. An hour is the cell
 * (PRODUCT.md privacy rule 4): for an app that one agent alone reads, its hours would say when
 * that agent worked and how much. Every figure shown, totals and flags included, is a sum of kept
 * hours only, so no difference of two figures isolates a held-back hour. Nothing says how much
 * was held back, not even whether an app had any: the window slides by the hour, and two reads an
 * hour apart would tell the held-back hour that left it. An hour grows only by steps of
 * `minGroupSize` people (`shownInSteps`), so two reads minutes apart tell no one person's sync.
 */
export function buildAdapterHealthReport(
  rows: readonly HealthRow[],
  range: { from: number; to: number },
  minGroupSize: number,
): AdapterHealthReport {
  const inRange = rows.filter(
    ({ health }) => health.hourStart >= range.from && health.hourStart <= range.to,
  );
  const cellOf = ({ health }: HealthRow) => `${health.app} ${health.hourStart}`;
  const shownForApp = shownInSteps(inRange, cellOf, minGroupSize);
  const shownForField = new Map(
    CONTEXT_FIELDS.map((field) => [
      field,
      shownInSteps(
        inRange.filter(({ health }) => health.fields[field]),
        cellOf,
        minGroupSize,
      ),
    ]),
  );
  const apps = new Map<string, AppTotals>();
  for (const shownRow of inRange) {
    const { person, health: row } = shownRow;
    const app = apps.get(row.app) ?? { hours: new Map(), fields: new Map() };
    if (shownForApp.has(shownRow)) {
      apps.set(row.app, app);
      const hour = app.hours.get(row.hourStart) ?? { records: 0, people: new Set<string>() };
      app.hours.set(row.hourStart, hour);
      hour.records += row.records;
      hour.people.add(person);
    }
    for (const field of CONTEXT_FIELDS) {
      const counts = row.fields[field];
      if (!counts || !shownForField.get(field)!.has(shownRow)) continue;
      apps.set(row.app, app);
      const hours = app.fields.get(field) ?? new Map<number, HourTotals>();
      app.fields.set(field, hours);
      const totals = hours.get(row.hourStart) ?? {
        hourStart: row.hourStart,
        matched: 0,
        missed: 0,
        people: new Set<string>(),
        extractors: new Map<string, number>(),
      };
      hours.set(row.hourStart, totals);
      totals.matched += counts.matched;
      totals.missed += counts.missed;
      totals.people.add(person);
      for (const [rule, count] of Object.entries(counts.extractors)) {
        totals.extractors.set(rule, (totals.extractors.get(rule) ?? 0) + count);
      }
    }
  }

  // Every hour here is one step of `minGroupSize` people or more (shownInSteps).
  const kept = (people: Set<string>) => people.size >= minGroupSize;
  return {
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    minGroupSize,
    apps: [...apps.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([app, { hours, fields }]) => {
        const keptHours = [...hours.values()].filter((hour) => kept(hour.people));
        if (keptHours.length === 0) return [];
        return [
          {
            app,
            records: sumOf(keptHours, (hour) => hour.records),
            fields: CONTEXT_FIELDS.flatMap((field) => {
              const shown = [...(fields.get(field)?.values() ?? [])].filter((hour) =>
                kept(hour.people),
              );
              return shown.length > 0 ? [fieldSeries(field, shown, range.to)] : [];
            }),
          },
        ];
      }),
  };
}

function fieldSeries(
  field: ContextField,
  keptHours: readonly HourTotals[],
  now: number,
): FieldHealthSeries {
  const hours = [...keptHours].sort((a, b) => a.hourStart - b.hourStart);
  const lastHour = hours.at(-1)!.hourStart;
  const recent = hours.filter((hour) => hour.hourStart > lastHour - DAY_MS);
  const recentRules = new Map<string, number>();
  for (const hour of recent) {
    for (const [rule, count] of hour.extractors) {
      recentRules.set(rule, (recentRules.get(rule) ?? 0) + count);
    }
  }
  const extractors = [...recentRules.entries()]
    .map(([rule, count]) => ({ rule, count }))
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
  const drop = findHitRateDrop(hours, now);
  return {
    field,
    hours: hours.map(({ hourStart, matched, missed }) => ({
      hourStart: new Date(hourStart).toISOString(),
      matched,
      missed,
    })),
    recentHitRate: rateOf(recent).rate,
    extractorInUse: extractors[0]?.rule ?? null,
    extractors,
    flag: drop && { ...drop, since: new Date(drop.since).toISOString() },
  };
}
