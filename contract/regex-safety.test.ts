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
    '(?<=x)(a+)+$',
    '^(a{1,2})+$',
    '^(a?a)+$',
    '^(\\d{1,3})+$',
    '^(a|aa){1,100}$',
    '^(?:ab|a|b)+$',
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
    '(?:(?:Re|RE|Fw|Fwd):)*x',
    '/tickets/(?:Fw|Fwd|Re)*(\\d+)',
    '(?:x{0,3}y)+',
    '(?<=#)(\\d+)',
    '(?:a|b){1,3}c',
  ])('lets %s pass: nothing it repeats can be matched two ways', (source) => {
    expect(backtracksExponentially(source)).toBe(false);
  });
});
