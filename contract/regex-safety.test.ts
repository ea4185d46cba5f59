import { describe, expect, it } from 'vitest';
import { backtracksExponentially } from './regex-safety';

describe('backtracksExponentially', () => {
  it.each([
    '^([a-zA-Z0-9._-]+)+@',
    '(a*)*b',
    '(?:x|(?:y+))+',
    '((ab)+c)*',
    '(\\w+\\s?){2,}$',
    '^(a|aa)+$',
    '(.|\\s)*x',
    '(\\d|[0-9a-f])+!',
    '(?:é|é)+x',
    '(a|b?)+c',
    '(ab|a(?:c|b))*d',
  ])('finds %s, which backtracks exponentially', (source) => {
    expect(backtracksExponentially(source)).toBe(true);
  });

  it.each([
    '^https://app\\.intercom\\.com/a/inbox/[^/?#]+/inbox/(?:[^?#]*/)?conversation/([0-9A-Za-z]+)(?:[/?#]|$)',
    '([\\w.+-]+@[\\w-]+\\.[\\w.]+)',
    '^(?!\\d+ \\|)(.+?) \\| ',
    'Ticket #(\\d+)',
    '(x+){0,3}',
    '(\\d|x)+',
    '(?:\\s*,\\s*|;)',
    '(.|\\n)*end',
    '(?:Case|Ticket) #(\\d+)',
  ])('lets %s pass: nothing it repeats can be matched two ways', (source) => {
    expect(backtracksExponentially(source)).toBe(false);
  });
});
