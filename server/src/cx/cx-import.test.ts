import { describe, expect, it } from 'vitest';
import { createRecordHasher } from '../../../contract/record-hash';
import type { CxScore } from '../db/database';
import { importCx } from './cx-import';

const NOW = Date.parse('2026-03-10T12:00:00Z');

/** An import against a team whose stored scores the test can read back. */
function importInto(body: Parameters<typeof importCx>[2], now = NOW) {
  const stored: CxScore[] = [];
  const db = {
    getTeam: async (id: string) => ({ id, hashSecret: 's'.repeat(32) }),
    upsertCxScores: async (_team: string, scores: readonly CxScore[]) => {
      stored.push(...scores);
      return scores.length;
    },
  };
  return importCx(db as never, 'acme', body, now).then((result) => ({ result, stored }));
}

const row = (score: unknown, overrides: Record<string, unknown> = {}) => ({
  app: 'zendesk',
  record_id: '42',
  metric: 'nps',
  score,
  scale: '0-10',
  date: '2026-03-01',
  ...overrides,
});

describe('CX import scores', () => {
  it('refuses a blank score in a CSV row instead of storing the worst NPS', async () => {
    const { result, stored } = await importInto({
      type: 'csv',
      text: 'app,record_id,metric,score,scale,date\nzendesk,42,nps,,0-10,2026-03-01\nzendesk,43,nps, ,0-10,2026-03-01\n',
    });
    expect(stored).toEqual([]);
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([
      {
        line: 2,
        message: 'score: score is missing',
        problems: [{ field: 'score', code: 'missing', values: [] }],
      },
      {
        line: 3,
        message: 'score: score is missing',
        problems: [{ field: 'score', code: 'missing', values: [] }],
      },
    ]);
  });

  it('refuses JSON scores that are not whole numbers written in digits', async () => {
    const refused = [null, true, false, [], [3], '0x5', '1e1', '5.0', 4.5, {}];
    const { result, stored } = await importInto({
      type: 'json',
      value: refused.map((score, index) => row(score, { record_id: String(index) })),
    });
    expect(stored).toEqual([]);
    expect(result.errors.map((error) => [error.line, error.problems])).toEqual(
      refused.map((score, index) => [
        index + 1,
        [{ field: 'score', code: score === null ? 'missing' : 'scoreWhole', values: [] }],
      ]),
    );
    expect(result.errors[1]!.message).toBe('score: score must be a whole number');
  });

  it('accepts whole JSON numbers and digit strings, spaces around them allowed', async () => {
    const { result, stored } = await importInto({
      type: 'json',
      value: [
        row(7, { record_id: '1' }),
        row(' 4 ', { record_id: '2' }),
        row('0', { record_id: '3' }),
      ],
    });
    expect(result).toEqual({ imported: 3, unchanged: 0, errors: [] });
    expect(stored.map((score) => score.score)).toEqual([7, 4, 0]);
  });
});

describe('CX import dates', () => {
  it('refuses a date more than a day ahead, keeping today and tomorrow', async () => {
    const { result, stored } = await importInto({
      type: 'csv',
      text: [
        'app,record_id,metric,score,scale,date',
        'zendesk,555,csat,5,1-5,2206-01-05', // a typo for 2026
        'zendesk,556,csat,4,1-5,2026-03-10',
        'zendesk,557,csat,4,1-5,2026-03-11T11:00:00Z', // 23 hours ahead: a zone, not a typo
        'zendesk,558,csat,4,1-5,2026-03-11T13:00:00Z', // 25 hours ahead
        '',
      ].join('\n'),
    });
    expect(stored.map((score) => score.observedAt.toISOString())).toEqual([
      '2026-03-10T00:00:00.000Z',
      '2026-03-11T11:00:00.000Z',
    ]);
    expect(result.errors).toEqual([
      {
        line: 2,
        message: 'date: more than a day in the future',
        problems: [{ field: 'date', code: 'dateFuture', values: [] }],
      },
      {
        line: 5,
        message: 'date: more than a day in the future',
        problems: [{ field: 'date', code: 'dateFuture', values: [] }],
      },
    ]);
  });

  it('reads the dotted dates a German spreadsheet saves, day first, and refuses slashes', async () => {
    // A CSAT export opened in Excel and saved again: semicolons, 05.01.2026, 10.03.2026 9:30.
    const { result, stored } = await importInto({
      type: 'csv',
      text: [
        'app;record_id;metric;score;scale;date',
        'zendesk;555;csat;5;1-5;05.01.2026',
        'zendesk;556;csat;4;1-5;10.03.2026 9:30',
        'zendesk;557;csat;4;1-5;31.02.2026', // no such day
        'zendesk;558;csat;4;1-5;03/01/2026', // 3 January or March 1: refused
        '',
      ].join('\n'),
    });
    expect(stored.map((score) => score.observedAt.toISOString())).toEqual([
      '2026-01-05T00:00:00.000Z',
      '2026-03-10T09:30:00.000Z',
    ]);
    expect(result.errors.map(({ line, problems }) => [line, problems[0]!.code])).toEqual([
      [4, 'dateUnreal'],
      [5, 'dateFormat'],
    ]);
  });

  it('does not count a refused future row as the first of its record', async () => {
    const { result, stored } = await importInto({
      type: 'csv',
      text: 'app,record_id,metric,score,scale,date\nzendesk,555,csat,5,1-5,2206-01-05\nzendesk,555,csat,5,1-5,2026-01-05\n',
    });
    expect(stored.map((score) => score.observedAt.toISOString())).toEqual([
      '2026-01-05T00:00:00.000Z',
    ]);
    expect(result.errors.map((error) => error.line)).toEqual([2]);
  });
});

describe('CX import record ids', () => {
  const SECRET = 's'.repeat(32);

  it('hashes a Salesforce report’s 15-character id as the 18-character id Lightning shows', async () => {
    // The extension hashes the id of /lightning/r/Case/500d000000A3nBwAAJ/view (its 18-character
    // form, whichever form the address carried): a CSAT row must join that interaction.
    const lightning = await createRecordHasher(SECRET)('salesforce', '500d000000A3nBwAAJ');
    const { result, stored } = await importInto({
      type: 'csv',
      text: 'app,record_id,metric,score,scale,date\nsalesforce,500d000000A3nBw,csat,2,1-5,2026-03-01\nsalesforce,500d000000A3nBwaaj,nps,9,0-10,2026-03-01\n',
    });
    expect(result.errors).toEqual([]);
    expect(stored.map((score) => score.recordHash)).toEqual([lightning, lightning]);
  });

  it('refuses the same Salesforce record and metric under its other id form in one file', async () => {
    const { result, stored } = await importInto({
      type: 'json',
      value: [
        row(5, {
          app: 'salesforce',
          record_id: '500d000000A3nBwAAJ',
          metric: 'csat',
          scale: '1-5',
        }),
        row(1, { app: 'salesforce', record_id: '500d000000A3nBw', metric: 'csat', scale: '1-5' }),
      ],
    });
    expect(stored.map((score) => score.score)).toEqual([5]);
    expect(result.errors.map((error) => error.problems)).toEqual([
      [{ field: 'record_id', code: 'duplicate', values: [1] }],
    ]);
  });

  it('keeps ids of other apps as written, and Salesforce ids that differ only in case apart', async () => {
    const hash = createRecordHasher(SECRET);
    const { stored } = await importInto({
      type: 'json',
      value: [
        row(5, { app: 'zendesk', record_id: '500d000000A3nBw' }),
        row(5, { app: 'salesforce', record_id: '500D000000a3NbW' }),
      ],
    });
    expect(stored.map((score) => score.recordHash)).toEqual([
      await hash('zendesk', '500d000000A3nBw'),
      await hash('salesforce', '500D000000a3NbWIAU'),
    ]);
  });
});
