import { describe, expect, it } from 'vitest';
import { cssSelectorProblem } from './css-selector';
import { extractorSchema } from './adapter-definitions';

describe('cssSelectorProblem: what a browser would refuse, without a DOM', () => {
  it.each([
    'div.ticket > span.name',
    '#ticket-42 .subject',
    '[data-id="ticketnumber.fieldControl-text-box-text"]',
    "td[title='v1.2 #3']",
    '[id="123"]',
    '#\\31 23',
    'li:nth-child(2n+1)',
    'li:nth-last-of-type(-n + 3)',
    'li:nth-child(odd)',
    'li:nth-child(2 of .row)',
    ':is(h1, h2) + p',
    'section:has(> h2.subject)',
    'input:not([type="hidden"]):enabled',
  ])('accepts %s', (selector) => {
    expect(cssSelectorProblem(selector)).toBeNull();
  });

  it.each([
    ['td:contains(Subject)', "uses :contains, which is jQuery's, not CSS"],
    ['a.subject:eq(0)', "uses :eq, which is jQuery's, not CSS"],
    ['td:first', "uses :first, which is jQuery's, not CSS"],
    ['.pane:visible', "uses :visible, which is jQuery's, not CSS"],
    [':hover:bogus', 'uses :bogus, which browsers do not know'],
    ['div:not(.a:contains(x))', "uses :contains, which is jQuery's, not CSS"],
    ['li:nth-child(foo)', 'has :nth-child(foo), not a position'],
    ['a::foo', 'has ::foo, which never matches an element'],
    ['#123', 'has an id or class that starts with a digit (write [id="123"] or escape it)'],
    ['.case .1abc', 'has an id or class that starts with a digit (write [id="123"] or escape it)'],
    ['div[', 'is not a valid CSS selector'],
  ])('refuses %s: %s', (selector, problem) => {
    expect(cssSelectorProblem(selector)).toBe(problem);
  });

  it("names the problem in the adapter schema's own message", () => {
    const result = extractorSchema.safeParse({ selector: 'td:contains(Subject)' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("uses :contains, which is jQuery's, not CSS");
  });
});
