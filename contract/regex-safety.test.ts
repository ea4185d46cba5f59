import { describe, expect, it } from 'vitest';
import { nestsUnboundedRepetition } from './regex-safety';

describe('nestsUnboundedRepetition', () => {
  it.each(['^([a-zA-Z0-9._-]+)+@', '(a*)*b', '(?:x|(?:y+))+', '((ab)+c)*', '(\\w+\\s?){2,}$'])(
    'finds %s, which backtracks exponentially',
    (source) => {
      expect(nestsUnboundedRepetition(source)).toBe(true);
    },
  );

  it.each([
    '^https://app\\.intercom\\.com/a/inbox/[^/?#]+/inbox/(?:[^?#]*/)?conversation/([0-9A-Za-z]+)(?:[/?#]|$)',
    '([\\w.+-]+@[\\w-]+\\.[\\w.]+)',
    '^(?!\\d+ \\|)(.+?) \\| ',
    'Ticket #(\\d+)',
    '(x+){0,3}',
  ])('lets %s pass: no repetition inside an unbounded one', (source) => {
    expect(nestsUnboundedRepetition(source)).toBe(false);
  });
});
