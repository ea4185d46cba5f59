import { describe, expect, it } from 'vitest';
import {
  buildAdapterHealthReport,
  findHitRateDrop,
  MAX_RECORDS_PER_INSTALL_HOUR,
  type HealthRow,
  type HourCounts,
} from './health';

const HOUR = 3_600_000;
const now = Date.parse('2026-03-02T12:30:00Z');
const thisHour = Math.floor(now / HOUR) * HOUR;
/** Hours counted back from this one: `at(3, 9, 1)` is three hours ago, 9 matched, 1 missed. */
const at = (hoursAgo: number, matched: number, missed: number): HourCounts => ({
  hourStart: thisHour - hoursAgo * HOUR,
  matched,
  missed,
});

describe('the adapter health flag', () => {
  it('flags a field that matched at least 90% the day before and under 50% since', () => {
    const drop = findHitRateDrop([at(20, 18, 2), at(10, 9, 1), at(2, 1, 4)], now);
    expect(drop).toEqual({ since: thisHour - 2 * HOUR, rateBefore: 0.9, rateSince: 0.2 });
  });

  it('does not flag a field that was already weak before the drop', () => {
    expect(findHitRateDrop([at(20, 17, 3), at(2, 0, 5)], now)).toBeNull();
  });

  it('does not flag a fall that stays at or above half', () => {
    expect(findHitRateDrop([at(20, 20, 0), at(2, 3, 3)], now)).toBeNull();
  });

  it('does not flag a field that recovered: the stretch since the drop runs up to now', () => {
    expect(findHitRateDrop([at(20, 20, 0), at(3, 0, 3), at(1, 10, 0)], now)).toBeNull();
  });

  it('needs enough records on both sides: one odd page is no broken selector', () => {
    expect(findHitRateDrop([at(20, 5, 0), at(2, 0, 5)], now)).toBeNull();
    expect(findHitRateDrop([at(20, 20, 0), at(2, 0, 2)], now)).toBeNull();
  });

  it('only looks at drops within the last day, against the 24 hours before them', () => {
    // Broken for two days: the day before any recent hour was already broken.
    expect(findHitRateDrop([at(70, 20, 0), at(40, 0, 10), at(2, 0, 5)], now)).toBeNull();
    // Healthy more than a day before the drop does not count as "the day before".
    expect(findHitRateDrop([at(30, 20, 0), at(2, 0, 5)], now)).toBeNull();
  });

  it('reports the earliest hour from which the field stayed broken', () => {
    const drop = findHitRateDrop([at(20, 30, 0), at(5, 0, 4), at(4, 1, 3), at(1, 0, 2)], now);
    expect(drop?.since).toBe(thisHour - 5 * HOUR);
    expect(drop?.rateSince).toBeCloseTo(0.1);
  });
});

describe('the adapter health report holds back hours with too few people', () => {
  const FIVE = 5;
  const range = { from: thisHour - 48 * HOUR, to: now };
  /** One install's counts for one hour of Zendesk: `records` read, the email found in `matched`. */
  const row = (
    person: string,
    hoursAgo: number,
    records: number,
    matched = records,
  ): HealthRow => ({
    agent: null,
    browser: person,
    // Sent at a sync ten minutes into the hour.
    receivedAt: thisHour - hoursAgo * HOUR + 10 * 60_000,
    health: {
      hourStart: thisHour - hoursAgo * HOUR,
      app: 'zendesk',
      records,
      fields: {
        customerEmail: {
          matched,
          missed: records - matched,
          extractors: { 'selector:#email': matched },
        },
      },
    },
  });
  const people = (count: number) => Array.from({ length: count }, (_, index) => `agent-${index}`);

  it('shows an hour that five people read and holds back one that four read', () => {
    const rows = [
      ...people(5).map((person) => row(person, 3, 2)),
      ...people(4).map((person) => row(person, 2, 10)),
    ];
    const report = buildAdapterHealthReport(rows, range, FIVE);
    expect(report.minGroupSize).toBe(FIVE);
    const [zendesk] = report.apps;
    expect(zendesk).toMatchObject({ app: 'zendesk', records: 10 });
    expect(zendesk!.fields[0]!.hours).toEqual([
      { hourStart: new Date(thisHour - 3 * HOUR).toISOString(), matched: 10, missed: 0 },
    ]);
  });

  it('shows nothing of an app that one agent reads alone, not even that it was read', () => {
    const rows = [20, 10, 2, 1].map((hoursAgo) => row('only-agent', hoursAgo, 6));
    expect(buildAdapterHealthReport(rows, range, FIVE).apps).toEqual([]);
  });

  it('counts a person once however many syncs their hour arrived in', () => {
    const rows = [...people(4), 'agent-0', 'agent-0'].map((person) => row(person, 1, 3));
    expect(buildAdapterHealthReport(rows, range, FIVE).apps).toEqual([]);
  });

  it('holds back a field that fewer people reported than read the app in that hour', () => {
    const rows = people(5).map((person) => row(person, 1, 3));
    // Three of them run an older version that does not read the email yet.
    for (const old of rows.slice(0, 3)) old.health.fields = {};
    const [zendesk] = buildAdapterHealthReport(rows, range, FIVE).apps;
    expect(zendesk).toMatchObject({ records: 15, fields: [] });
  });

  it('flags no drop that only a held-back hour shows, and the same drop once enough people saw it', () => {
    const healthyDay = people(5).flatMap((person) => [row(person, 20, 8), row(person, 10, 8)]);
    const brokenByOne = [row('agent-0', 1, 5, 0)];
    const before = buildAdapterHealthReport([...healthyDay, ...brokenByOne], range, FIVE);
    expect(before.apps[0]!.fields[0]!.flag).toBeNull();

    const brokenByAll = people(5).map((person) => row(person, 1, 5, 0));
    const after = buildAdapterHealthReport([...healthyDay, ...brokenByAll], range, FIVE);
    expect(after.apps[0]!.fields[0]!.flag).toEqual({
      since: new Date(thisHour - HOUR).toISOString(),
      rateBefore: 1,
      rateSince: 0,
    });
  });

  it('grows an hour still filling only by steps of five people, never by one sync', () => {
    const at = (minute: number) => thisHour + minute * 60_000;
    const sync = (person: string, minute: number, records: number) => ({
      ...row(person, 0, records),
      receivedAt: at(minute),
    });
    const read = (rows: HealthRow[], minute: number) =>
      buildAdapterHealthReport(rows, { ...range, to: at(minute) }, FIVE).apps[0]?.records;
    const firstFive = people(5).map((person) => sync(person, 5, 2));
    expect(read(firstFive, 6)).toBe(10);
    // agent-0 syncs again: a supervisor reading before and after would see what agent-0 added.
    const oneMore = [...firstFive, sync('agent-0', 12, 3)];
    expect(read(oneMore, 13)).toBe(10);
    // Four others sync too: with agent-0's, a step of five people, shown together.
    const step = [...oneMore, ...['e', 'f', 'g', 'h'].map((person) => sync(person, 20, 1))];
    expect(read(step, 21)).toBe(17);
    const fields = buildAdapterHealthReport(step, { ...range, to: at(21) }, FIVE).apps[0]!.fields;
    expect(fields[0]!.hours).toEqual([
      { hourStart: new Date(thisHour).toISOString(), matched: 17, missed: 0 },
    ]);
  });

  it('shows each hour under its own size, and names the smallest', () => {
    const rows = [3, 1].flatMap((hoursAgo) => people(5).map((person) => row(person, hoursAgo, 2)));
    // Raised to six two hours ago: the hour that began since needs six, the one before five.
    const sizeOf = (hourStart: number) => (hourStart > thisHour - 2 * HOUR ? 6 : 5);
    const report = buildAdapterHealthReport(rows, range, sizeOf);
    expect(report.minGroupSize).toBe(5);
    expect(report.apps[0]!.fields[0]!.hours).toEqual([
      { hourStart: new Date(thisHour - 3 * HOUR).toISOString(), matched: 10, missed: 0 },
    ]);
  });

  it('counts a browser on both sides of a change of identity mode once, and an agent in two browsers once', () => {
    // Three browsers synced the hour under their pseudonyms, then, the team switched to
    // anonymous, without: six keys, three people.
    const switched = ['b1', 'b2', 'b3'].flatMap((browser) => [
      { ...row(browser, 1, 2), agent: `pseudonym-${browser}` },
      row(browser, 1, 2),
    ]);
    expect(buildAdapterHealthReport(switched, range, FIVE).apps).toEqual([]);
    // Ana, identified, in two browsers, and three others: four people.
    const twoBrowsers = [
      { ...row('b1', 1, 2), agent: 'ana' },
      ...people(3).map((person) => row(person, 1, 2)),
      { ...row('b2', 1, 2), agent: 'ana' },
    ];
    expect(buildAdapterHealthReport(twoBrowsers, range, FIVE).apps).toEqual([]);
    // A fifth person completes the step.
    const five = [...twoBrowsers, { ...row('b9', 1, 2), agent: 'bea' }];
    expect(buildAdapterHealthReport(five, range, FIVE).apps[0]!.records).toBe(12);
  });

  it('applies the minimum it is given: three people are enough where the team chose three', () => {
    const rows = people(3).map((person) => row(person, 1, 2));
    expect(buildAdapterHealthReport(rows, range, 3).apps[0]!.records).toBe(6);
    expect(buildAdapterHealthReport(rows, range, 4).apps).toEqual([]);
  });

  it("holds one install's summed counts of an app's hour to what one event may carry (10,000)", () => {
    const healthyDay = people(5).flatMap((person) => [row(person, 20, 8), row(person, 10, 8)]);
    // Four colleagues read many records in the hour, all with the email found.
    const colleagues = people(5)
      .slice(1)
      .map((person) => row(person, 1, 2_600));
    // One install sends 10 events for the same hour, each within the contract: 10,000 misses.
    const forged = Array.from({ length: 10 }, (_, sync) => ({
      ...row('agent-0', 1, 10_000, 0),
      receivedAt: thisHour - HOUR + (sync + 1) * 60_000,
    }));
    const report = buildAdapterHealthReport([...healthyDay, ...colleagues, ...forged], range, FIVE);
    const email = report.apps[0]!.fields[0]!;
    // Summed, 100,000 misses against 10,400 matches flagged the email broken for the team.
    expect(email.flag).toBeNull();
    expect(email.hours.at(-1)).toEqual({
      hourStart: new Date(thisHour - HOUR).toISOString(),
      matched: 10_400,
      missed: MAX_RECORDS_PER_INSTALL_HOUR,
    });
    expect(report.apps[0]!.records).toBe(5 * 16 + 10_400 + MAX_RECORDS_PER_INSTALL_HOUR);

    // Its ten events count as one of them would.
    const once = buildAdapterHealthReport([...healthyDay, ...colleagues, forged[0]!], range, FIVE);
    expect(report).toEqual(once);
  });

  it("keeps an honest install's counts, over many syncs of an hour, as they were sent", () => {
    const syncs = [3, 40, 40].flatMap((minute, sync) =>
      people(5).map((person) => ({
        ...row(person, 1, 30 + sync, 20 + sync),
        receivedAt: thisHour - HOUR + minute * 60_000 + sync,
      })),
    );
    const [zendesk] = buildAdapterHealthReport(syncs, range, FIVE).apps;
    expect(zendesk!.records).toBe(5 * (30 + 31 + 32));
    expect(zendesk!.fields[0]!.hours).toEqual([
      {
        hourStart: new Date(thisHour - HOUR).toISOString(),
        matched: 5 * (20 + 21 + 22),
        missed: 5 * 30,
      },
    ]);
    expect(zendesk!.fields[0]!.extractors).toEqual([
      { rule: 'selector:#email', count: 5 * (20 + 21 + 22) },
    ]);
  });

  it("counts each person once in the flag: one install's 10,000 misses do not break a field that works for four", () => {
    // Five people read Zendesk with the email found, 20 records an hour each.
    const healthy = people(5).flatMap((person) => [2, 3, 4].map((h) => row(person, h, 20)));
    // An hour ago four still found it in every record; agent-0 sent one event of 10,000 misses.
    const lastHour = [
      row('agent-0', 1, 10_000, 0),
      ...people(5)
        .slice(1)
        .map((person) => row(person, 1, 20)),
    ];
    const email = buildAdapterHealthReport([...healthy, ...lastHour], range, FIVE).apps[0]!
      .fields[0]!;
    // Pooled, 80 of 10,080 records matched (under 1%) and the email was flagged for the team;
    // per person, four of five still match all: 0.8.
    expect(email.flag).toBeNull();
    // The hours shown stay pooled.
    expect(email.hours.at(-1)).toEqual({
      hourStart: new Date(thisHour - HOUR).toISOString(),
      matched: 80,
      missed: 10_000,
    });
  });

  it('still flags a field that broke for everyone, at the hour it broke, whoever read most before', () => {
    // agent-0 read ten times as many records as each colleague and found the email in 85% of them.
    const healthy = [
      row('agent-0', 3, 200, 170),
      ...people(5)
        .slice(1)
        .map((person) => row(person, 3, 20)),
    ];
    const broken = people(5).map((person) => row(person, 1, 5, 0));
    const email = buildAdapterHealthReport([...healthy, ...broken], range, FIVE).apps[0]!
      .fields[0]!;
    // Pooled, 250 of 280 (89%) was "not healthy" and the break went unflagged; per person 0.97.
    expect(email.flag).toEqual({
      since: new Date(thisHour - HOUR).toISOString(),
      rateBefore: expect.closeTo(0.97, 6),
      rateSince: 0,
    });
  });

  it('flags a field that broke for three of five people (one CRM layout): 0.4 is under half', () => {
    const healthy = people(5).flatMap((person) => [row(person, 3, 20), row(person, 2, 20)]);
    // Two people on the old layout read ten times as many records, all with the email found.
    const lastHour = people(5).map((person, index) =>
      index < 3 ? row(person, 1, 20, 0) : row(person, 1, 200),
    );
    const email = buildAdapterHealthReport([...healthy, ...lastHour], range, FIVE).apps[0]!
      .fields[0]!;
    // Pooled, 400 of 460 (87%) hid it; per person (0 + 0 + 0 + 1 + 1) / 5.
    expect(email.flag).toEqual({
      since: new Date(thisHour - HOUR).toISOString(),
      rateBefore: 1,
      rateSince: expect.closeTo(0.4, 6),
    });
  });

  it('scales an install down alike where one event takes it over the hour, extractors included', () => {
    const rows = people(5).map((person) => row(person, 1, 20, 15));
    rows.push({ ...row('agent-0', 1, 9_990, 4_995), receivedAt: rows[0]!.receivedAt - 1 });
    const [zendesk] = buildAdapterHealthReport(rows, range, FIVE).apps;
    // agent-0's later 20 records (15 matched) had 10 left of the hour: 7 matched, 3 missed.
    expect(zendesk!.records).toBe(4 * 20 + MAX_RECORDS_PER_INSTALL_HOUR);
    expect(zendesk!.fields[0]!.hours[0]).toMatchObject({
      matched: 4 * 15 + 4_995 + 7,
      missed: 4 * 5 + 4_995 + 3,
    });
    expect(zendesk!.fields[0]!.extractors[0]!.count).toBe(4 * 15 + 4_995 + 7);
  });
});
