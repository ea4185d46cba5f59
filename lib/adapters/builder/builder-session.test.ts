import { describe, expect, it } from 'vitest';
import {
  chosenExtractors,
  draftOf,
  fieldsToCheckAt,
  recordIdAt,
  stabilityOf,
  startSession,
  withCheck,
  withPick,
} from './builder-session';
import type { CandidateReading } from './field-pick';

const FIRST = 'https://tools.acme.test/app/requests/1042';
const SECOND = 'https://tools.acme.test/app/requests/2077';

const reading = (
  selector: string,
  value: string,
  label: string | null = null,
): CandidateReading => ({
  extractor: { selector, read: 'text', deep: false },
  kind: 'data',
  value,
  label,
});

describe('a builder session', () => {
  const started = startSession(FIRST);
  const picked = withPick(
    withPick(started, 'customerName', FIRST, [reading('[data-testid="name"]', 'Grace Hopper')]),
    'status',
    FIRST,
    [reading('#status', 'Open', 'Status'), reading('body > p', 'Open', 'Status')],
  );

  it('starts from the address: identity and record pattern proposed', () => {
    expect(started).toMatchObject({
      id: 'tools-acme',
      name: 'tools.acme.test',
      recordType: 'ticket',
      recordPattern: '/app/requests/(\\d+)(?:[/?#]|$)',
      fields: {},
    });
    expect(recordIdAt(started, SECOND)).toBe('2077');
    expect(recordIdAt(startSession('https://tools.acme.test/'), SECOND)).toBeNull();
  });

  it('checks fields only on a record other than the one they were picked on', () => {
    expect(fieldsToCheckAt(picked, FIRST)).toEqual([]);
    expect(fieldsToCheckAt(picked, SECOND)).toEqual(['customerName', 'status']);
    expect(fieldsToCheckAt(picked, 'https://tools.acme.test/app/requests')).toEqual([]);
    const checked = withCheck(picked, 'status', '2077', [
      { count: 1, value: 'Solved', label: 'Status' },
      { count: 1, value: 'Solved', label: 'Status' },
    ]);
    expect(fieldsToCheckAt(checked, SECOND)).toEqual(['customerName']);
  });

  it('keeps the selectors that held, and leaves out a field none of whose selectors held', () => {
    const checked = withCheck(
      withCheck(picked, 'status', '2077', [
        { count: 0, value: null, label: null },
        { count: 1, value: 'Solved', label: 'Status' },
      ]),
      'customerName',
      '2077',
      [{ count: 2, value: 'Alan Turing', label: null }],
    );
    expect(stabilityOf(checked.fields.status!)).toBe('stable');
    expect(chosenExtractors(checked.fields.status!).map((e) => e.selector)).toEqual(['body > p']);
    expect(stabilityOf(checked.fields.customerName!)).toBe('unstable');
    expect(draftOf(checked).fields).toEqual({
      status: [{ selector: 'body > p', read: 'text', deep: false }],
    });
    expect(stabilityOf(picked.fields.customerName!)).toBe('unique');
  });
});
