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

/**
 * One hour of a field: its counts summed over everyone (what the report shows), and, for the
 * flag, each person's own (keyed by person). An hour without `people` counts as one person's.
 */
export type HourCounts = {
  hourStart: number;
  matched: number;
  missed: number;
  people?: ReadonlyMap<string, { matched: number; missed: number }>;
};

const sumOf = <T>(items: readonly T[], value: (item: T) => number) =>
  items.reduce((sum, item) => sum + value(item), 0);

const rateOf = (hours: readonly HourCounts[]) => {
  const matched = sumOf(hours, (hour) => hour.matched);
  const total = sumOf(hours, (hour) => hour.matched + hour.missed);
  return { rate: total === 0 ? null : matched / total, total };
};

/**
 * The flag's rate over a stretch: the mean over people of each person's own hit rate over it
 * (people with no records in it left out), so that each person counts once however many records
 * they sent; `total` is the records of everyone, pooled. Summed, one install's 10,000 misses in an
 * hour outweighed four colleagues' 20 matches each and flagged a field that worked for them.
 */
const personRateOf = (hours: readonly HourCounts[]) => {
  const people = new Map<string, { matched: number; total: number }>();
  for (const hour of hours) {
    const counts = hour.people ?? new Map([['', hour]]);
    for (const [person, { matched, missed }] of counts) {
      const sums = people.get(person) ?? { matched: 0, total: 0 };
      people.set(person, sums);
      sums.matched += matched;
      sums.total += matched + missed;
    }
  }
  const rates = [...people.values()].flatMap(({ matched, total }) =>
    total === 0 ? [] : [matched / total],
  );
  return {
    rate: rates.length === 0 ? null : sumOf(rates, (rate) => rate) / rates.length,
    total: rateOf(hours).total,
  };
};

/**
 * Whether a field broke: some hour `h` in the last day opens a stretch (up to now) in which people
 * matched fewer than half their records, while in the 24 hours before `h` they matched at least
 * 90%; each rate is the mean of each person's own (`personRateOf`), the records needed on each
 * side are everyone's. The earliest such hour is the one reported. `hours` is sorted, oldest first.
 */
export function findHitRateDrop(
  hours: readonly HourCounts[],
  now: number,
): { since: number; rateBefore: number; rateSince: number } | null {
  for (const [index, hour] of hours.entries()) {
    if (hour.hourStart < now - DAY_MS) continue;
    const before = personRateOf(
      hours.filter((h) => h.hourStart >= hour.hourStart - DAY_MS && h.hourStart < hour.hourStart),
    );
    const since = personRateOf(hours.slice(index));
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
 * One `adapter.health` row as stored, with who sent it: the agent id its enrolment was bound to
 * (null in anonymous mode) and its browser (the install id, which stays when the browser enrols
 * again, e.g. under another identity mode); both null for events stored before enrolment existed.
 * And when the collector received it (epoch ms).
 */
export type HealthRow = {
  agent: string | null;
  browser: string | null;
  health: AdapterHealth;
  receivedAt: number;
};

const personKeysOf = ({ agent, browser }: HealthRow) =>
  agent === null && browser === null
    ? ['unknown']
    : [
        ...(agent === null ? [] : [`agent ${agent}`]),
        ...(browser === null ? [] : [`browser ${browser}`]),
      ];

/**
 * The people among rows added one at a time: rows that share an agent id or a browser are one
 * person. A change of identity mode sends a browser on under a new key (pseudonym, agent id or
 * install), and counted by key, three agents who synced an hour on both sides of it were six
 * people; each row carries its browser too, so they stay three. Agents in two browsers are two
 * people only where neither row has their agent id (anonymous mode, as in reports), and every row
 * with neither key is one unknown person. Only the rows added count: no later row changes it.
 */
function createPeopleCount() {
  const parent = new Map<string, string>();
  let people = 0;
  const rootOf = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  return {
    add(row: HealthRow) {
      const keys = personKeysOf(row);
      for (const key of keys) {
        if (parent.has(key)) continue;
        parent.set(key, key);
        people += 1;
      }
      for (const key of keys.slice(1)) {
        const [a, b] = [rootOf(keys[0]!), rootOf(key)];
        if (a === b) continue;
        parent.set(b, a);
        people -= 1;
      }
    },
    get size() {
      return people;
    },
    /** The person a row added is counted as, by the rows added so far. */
    personOf(row: HealthRow) {
      return rootOf(personKeysOf(row)[0]!);
    },
  };
}

/**
 * The rows of each cell (`cellOf`) that may be shown: in the order received, up to the last row
 * that completes a step of at least `minGroupSizeOf` (the cell's hour) people, counted from the
 * step before. An hour still filling grows only by such steps: installs send their counts at
 * every sync, and two reads a few minutes apart must not tell what one person's sync added (the
 * first step is the rule of that many people per cell itself). What follows the last step waits
 * for more people. A step, once complete, stays so: its size is the hour's, fixed before anyone
 * could read the hour, and its people are counted from its own rows.
 */
export function shownInSteps(
  rows: readonly HealthRow[],
  cellOf: (row: HealthRow) => string,
  minGroupSizeOf: (hourStart: number) => number,
): Set<HealthRow> {
  const cells = new Map<string, HealthRow[]>();
  for (const row of rows) {
    const cell = cells.get(cellOf(row));
    if (cell) cell.push(row);
    else cells.set(cellOf(row), [row]);
  }
  const shown = new Set<HealthRow>();
  for (const cell of cells.values()) {
    cell.sort(
      (a, b) =>
        a.receivedAt - b.receivedAt || personKeysOf(a).join().localeCompare(personKeysOf(b).join()),
    );
    const minGroupSize = minGroupSizeOf(cell[0]!.health.hourStart);
    let stepStart = 0;
    let people = createPeopleCount();
    for (const [index, row] of cell.entries()) {
      people.add(row);
      if (people.size < minGroupSize) continue;
      for (const stepRow of cell.slice(stepStart, index + 1)) shown.add(stepRow);
      stepStart = index + 1;
      people = createPeopleCount();
    }
  }
  return shown;
}

/**
 * What one install may add to an hour of an app, as one `adapter.health` event may
 * (contract/events.ts): the extension sends each sync's new counts, so an hour is the sum of its
 * events, and without this ten events of 10,000 misses from one browser outweighed its
 * colleagues' counts and flagged a field broken for the team.
 */
export const MAX_RECORDS_PER_INSTALL_HOUR = 10_000;

/** The install a row came from: its browser, else its agent id (rows from before enrolment). */
const installOf = ({ agent, browser }: HealthRow) =>
  browser !== null ? `browser ${browser}` : agent !== null ? `agent ${agent}` : 'unknown';

/**
 * Holds each install's sums per app, hour (and field) to `MAX_RECORDS_PER_INSTALL_HOUR`: a row
 * takes what its install has left of that hour, its matched, missed and extractor counts scaled
 * down alike where it is over.
 */
function createInstallHourBudget() {
  const used = new Map<string, number>();
  const take = (key: string, count: number) => {
    const spent = used.get(key) ?? 0;
    const taken = Math.min(count, MAX_RECORDS_PER_INSTALL_HOUR - spent);
    used.set(key, spent + taken);
    return taken;
  };
  const keyOf = (row: HealthRow) =>
    `${installOf(row)}\u0000${row.health.app}\u0000${row.health.hourStart}`;
  return {
    records: (row: HealthRow) => take(keyOf(row), row.health.records),
    field(row: HealthRow, field: ContextField, counts: FieldCounts): FieldCounts {
      const total = counts.matched + counts.missed;
      const taken = take(`${keyOf(row)}\u0000${field}`, total);
      if (taken === total) return counts;
      const share = (count: number) => Math.floor((count * taken) / total);
      const matched = share(counts.matched);
      return {
        matched,
        missed: taken - matched,
        extractors: Object.fromEntries(
          Object.entries(counts.extractors).map(([rule, count]) => [rule, share(count)]),
        ),
      };
    },
  };
}

type FieldCounts = NonNullable<AdapterHealth['fields'][ContextField]>;
type HourTotals = HourCounts & {
  extractors: Map<string, number>;
  people: Map<string, { matched: number; missed: number }>;
};
type AppTotals = {
  hours: Map<number, { records: number }>;
  fields: Map<ContextField, Map<number, HourTotals>>;
};

/**
 * Sums every install's counts per adapter, field and hour, holds back every hour that fewer than
 * the minimum group size of people's counts went into, and flags the fields that broke. An hour is
 * the cell (PRODUCT.md privacy rule 4): for an app that one agent alone reads, its hours would say
 * when that agent worked and how much. Every figure shown, totals and flags included, is a sum of
 * kept hours only, so no difference of two figures isolates a held-back hour. Nothing says how
 * much was held back, not even whether an app had any: the window slides by the hour, and two
 * reads an hour apart would tell the held-back hour that left it. An hour grows only by steps of
 * that many people (`shownInSteps`), so two reads minutes apart tell no one person's sync.
 *
 * `minGroupSize` is the size, or the size of each hour by its start: the route passes the size in
 * force when the hour began, so that a size chosen after a read changes nothing that read showed
 * (raised from 5 to 6, a step of five became one of six: the difference was the sixth person's
 * counts). The report names the smallest size of the hours in `range`.
 */
export function buildAdapterHealthReport(
  rows: readonly HealthRow[],
  range: { from: number; to: number },
  minGroupSize: number | ((hourStart: number) => number),
): AdapterHealthReport {
  const sizeOf = typeof minGroupSize === 'number' ? () => minGroupSize : minGroupSize;
  const inRange = rows.filter(
    ({ health }) => health.hourStart >= range.from && health.hourStart <= range.to,
  );
  const cellOf = ({ health }: HealthRow) => `${health.app} ${health.hourStart}`;
  const shownForApp = shownInSteps(inRange, cellOf, sizeOf);
  const shownForField = new Map(
    CONTEXT_FIELDS.map((field) => [
      field,
      shownInSteps(
        inRange.filter(({ health }) => health.fields[field]),
        cellOf,
        sizeOf,
      ),
    ]),
  );
  // Who each row is, for the flag: rows that share an agent id or a browser are one person.
  const everyone = createPeopleCount();
  for (const row of inRange) everyone.add(row);
  const apps = new Map<string, AppTotals>();
  const budget = createInstallHourBudget();
  // In the order received, so that what an install sent first is what counts.
  const byArrival = [...inRange].sort((a, b) => a.receivedAt - b.receivedAt);
  for (const shownRow of byArrival) {
    const { health: row } = shownRow;
    const app = apps.get(row.app) ?? { hours: new Map(), fields: new Map() };
    if (shownForApp.has(shownRow)) {
      apps.set(row.app, app);
      const hour = app.hours.get(row.hourStart) ?? { records: 0 };
      app.hours.set(row.hourStart, hour);
      hour.records += budget.records(shownRow);
    }
    for (const field of CONTEXT_FIELDS) {
      const sent = row.fields[field];
      if (!sent || !shownForField.get(field)!.has(shownRow)) continue;
      const counts = budget.field(shownRow, field, sent);
      apps.set(row.app, app);
      const hours = app.fields.get(field) ?? new Map<number, HourTotals>();
      app.fields.set(field, hours);
      const totals = hours.get(row.hourStart) ?? {
        hourStart: row.hourStart,
        matched: 0,
        missed: 0,
        extractors: new Map<string, number>(),
        people: new Map(),
      };
      hours.set(row.hourStart, totals);
      totals.matched += counts.matched;
      totals.missed += counts.missed;
      const person = everyone.personOf(shownRow);
      const own = totals.people.get(person) ?? { matched: 0, missed: 0 };
      totals.people.set(person, own);
      own.matched += counts.matched;
      own.missed += counts.missed;
      for (const [rule, count] of Object.entries(counts.extractors)) {
        totals.extractors.set(rule, (totals.extractors.get(rule) ?? 0) + count);
      }
    }
  }

  // Every hour here is made of whole steps, each of its hour's size in people or more
  // (shownInSteps): an hour with no step is in none of these maps.
  let smallestSize = sizeOf(range.to);
  for (let hour = Math.ceil(range.from / HOUR_MS) * HOUR_MS; hour <= range.to; hour += HOUR_MS) {
    smallestSize = Math.min(smallestSize, sizeOf(hour));
  }
  return {
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    minGroupSize: smallestSize,
    apps: [...apps.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([app, { hours, fields }]) =>
        hours.size === 0
          ? []
          : [
              {
                app,
                records: sumOf([...hours.values()], (hour) => hour.records),
                fields: CONTEXT_FIELDS.flatMap((field) => {
                  const shown = [...(fields.get(field)?.values() ?? [])];
                  return shown.length > 0 ? [fieldSeries(field, shown, range.to)] : [];
                }),
              },
            ],
      ),
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
