// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftOf, startSession, withCheck, withPick } from './builder-session';
import { draftToDefinition } from './draft-adapter';
import { checkExtractors, type BuilderField } from './field-pick';
import { proposeFieldReadings } from './field-pick';
import { readRecord } from '../read-record';

// The in-house tool the builder's e2e uses (tests/fixtures/in-house-builder): the same picks,
// without a browser, so a change in the proposer shows here first.
const FIXTURES = path.resolve(import.meta.dirname, '../../../tests/fixtures/in-house-builder');
const FIRST = 'https://tools.acme.test/app/requests/1042';
const SECOND = 'https://tools.acme.test/app/requests/2077';

function load(file: string) {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = readFileSync(path.join(FIXTURES, file), 'utf8')
    .replace(/^[\s\S]*?<html[^>]*>/, '')
    .replace(/<\/html>\s*$/, '');
  return doc;
}

const PICKS: [BuilderField, string][] = [
  ['customerName', '[id^="ember"]'],
  ['customerEmail', 'a[href^="mailto:"]'],
  ['customerId', '#label-customer + dd'],
  ['recordNumber', '[data-testid="request-number"]'],
  ['subject', 'h1'],
  ['status', '[aria-label="Request status"]'],
];

describe('building an adapter for the in-house fixture', () => {
  const first = load('request-1042.html');
  const second = load('request-2077.html');
  let session = startSession(FIRST);
  for (const [field, target] of PICKS) {
    session = withPick(
      session,
      field,
      FIRST,
      proposeFieldReadings(first.querySelector(target)!, field, first),
    );
  }
  for (const [field] of PICKS) {
    const extractors = session.fields[field]!.candidates.map((candidate) => candidate.extractor);
    session = withCheck(session, field, '2077', checkExtractors(extractors, second));
  }

  it('proposes selectors without generated names that hold on the second record', () => {
    const chosen = Object.fromEntries(
      PICKS.map(([field]) => [field, session.fields[field]!.secondRecord!.verdicts[0]!]),
    );
    expect(
      Object.fromEntries(
        Object.entries(chosen).map(([f, v]) => [f, [v.extractor.selector, v.stable]]),
      ),
    ).toEqual({
      customerName: ['section[aria-label="Requester"] span', true],
      customerEmail: ['#label-email + dd a', true],
      customerId: ['#label-customer + dd', true],
      recordNumber: ['[data-testid="request-number"]', true],
      subject: ['#root h1', true],
      status: ['span[aria-label="Request status"]', true],
    });
  });

  it('makes an adapter that reads the second record', () => {
    const result = draftToDefinition(draftOf(session));
    if (!result.ok) throw new Error(String(result.problem));
    const read = readRecord(result.definition, { url: SECOND, document: second }, 0);
    expect(read.ok && read.context).toMatchObject({
      app: 'tools-acme',
      recordId: '2077',
      customerName: 'Alan Turing',
      customerEmail: 'alan@bletchley.test',
      customerId: 'CUST-0412',
      recordNumber: 'REQ-2077',
      subject: 'Cannot reset my password',
      status: 'Open',
    });
  });
});
