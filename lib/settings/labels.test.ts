import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTING_LABEL_KEYS, SETTING_NAMES } from './labels';

describe('setting labels', () => {
  it.each(['en', 'de'])('every setting has a label in %s', (locale) => {
    const messages = JSON.parse(
      readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'),
    ) as Record<string, unknown>;
    expect(
      SETTING_NAMES.filter((name) => !((SETTING_LABEL_KEYS[name] ?? '-') in messages)),
    ).toEqual([]);
  });
});
