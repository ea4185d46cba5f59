import { describe, expect, it } from 'vitest';
import { hourlyTotals } from './hourly-totals';

const hour = (h: number, minutes = 0) => Date.UTC(2025, 2, 3, h, minutes);

describe('hourlyTotals', () => {
  it('splits a segment at UTC hour boundaries', () => {
    expect(hourlyTotals([{ app: 'zendesk', start: hour(9, 50), end: hour(11, 5) }])).toEqual([
      { hourStart: hour(9), app: 'zendesk', ms: 10 * 60_000 },
      { hourStart: hour(10), app: 'zendesk', ms: 60 * 60_000 },
      { hourStart: hour(11), app: 'zendesk', ms: 5 * 60_000 },
    ]);
  });

  it('adds up segments per hour and app, sorted by hour then app', () => {
    expect(
      hourlyTotals([
        { app: 'zendesk', start: hour(9, 0), end: hour(9, 10) },
        { app: 'gmail', start: hour(9, 10), end: hour(9, 15) },
        { app: 'zendesk', start: hour(9, 15), end: hour(9, 20) },
        { app: 'gmail', start: hour(8, 59), end: hour(9, 0) },
      ]),
    ).toEqual([
      { hourStart: hour(8), app: 'gmail', ms: 60_000 },
      { hourStart: hour(9), app: 'gmail', ms: 5 * 60_000 },
      { hourStart: hour(9), app: 'zendesk', ms: 15 * 60_000 },
    ]);
  });

  it('ends exactly on a boundary without an empty next hour', () => {
    expect(hourlyTotals([{ app: 'slack', start: hour(9, 30), end: hour(10) }])).toEqual([
      { hourStart: hour(9), app: 'slack', ms: 30 * 60_000 },
    ]);
    expect(hourlyTotals([])).toEqual([]);
  });
});
