import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../lib/settings/definitions';
import {
  buildSettingsReference,
  settingLimitRows,
  withSettingsReference,
} from '../../scripts/settings-doc';

/** Prettier aligns table columns in docs/admin.md: compare without the padding. */
const unpadded = (markdown: string) => markdown.replace(/ +/g, ' ').replace(/-{3,}/g, '---');

describe('docs/admin.md settings reference', () => {
  it('is the one generated from the settings definitions (run `npm run generate:settings-doc`)', () => {
    const doc = readFileSync('docs/admin.md', 'utf8');
    expect(unpadded(withSettingsReference(doc))).toBe(unpadded(doc));
  });

  it('lists every setting with who may set it', () => {
    const reference = buildSettingsReference();
    for (const name of Object.keys(SETTINGS)) expect(reference).toContain(`| \`${name}\` |`);
    expect(reference).toContain(
      '| `prompts` | (see the defaults below) | admin, supervisor (team policy) |',
    );
    expect(reference).toContain('| `defaultCallingCode` | `"1"` | admin, agent |');
  });

  it('names every limit an admin’s value must stay within, nested ones too', () => {
    const limits = new Map(settingLimitRows().map((row) => [row.path, row]));
    expect(limits.get('prompts.maxPerDay')?.limits).toBe('≥ 1; ≤ 200');
    expect(limits.get('idleThresholdSeconds')?.limits).toBe('≥ 15; ≤ 3600');
    expect(limits.get('trackedApps')?.limits).toBe('at most 200');
    expect(limits.get('adapterHosts{}')?.limits).toBe('at most 20');
    expect(limits.get('identityMode')?.type).toBe(
      'one of `identified`, `pseudonymous`, `anonymous`',
    );
  });
});
