import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FirstRunFacts } from '@/lib/settings/first-run-facts';
import { FirstRunGuide } from './FirstRunGuide';

const facts: FirstRunFacts = {
  trackingEnabled: true,
  promptsEnabled: true,
  identityMode: 'pseudonymous',
  collectorUrl: 'https://touchpoint.example.com',
  allowPause: true,
  retentionDays: 7,
  storeOtherDomains: false,
  minGroupSize: 5,
};
const text = (value: FirstRunFacts | undefined) =>
  renderToStaticMarkup(<FirstRunGuide facts={value} settingsHref="options.html" />)
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&#x27;', "'")
    .replace(/\s+/g, ' ');

describe('FirstRunGuide', () => {
  it('says what is measured, what never is, the identity, the collector, the data and pausing', () => {
    const page = text(facts);
    expect(page).toContain('Which tool is in front and for how long');
    expect(page).toContain('Customer data: names, email addresses');
    expect(page).toContain('Pseudonymous: figures are sent under a random id');
    expect(page).toContain('fewer than 5 people');
    expect(page).toContain("To your team's collector at https://touchpoint.example.com");
    expect(page).toContain('Records stay in this browser for 7 days');
    expect(page).toContain('Open the settings page');
    expect(page).toContain('You may pause measurement at any time');
  });

  it('follows the settings: no collector, no pausing, identified, measurement off', () => {
    const page = text({
      ...facts,
      collectorUrl: null,
      allowPause: false,
      identityMode: 'identified',
      trackingEnabled: false,
      retentionDays: 1,
    });
    expect(page).toContain('nothing leaves this browser');
    expect(page).toContain('does not allow pausing');
    expect(page).toContain('Identified: figures are sent with your agent id');
    expect(page).toContain('turned measurement off');
    expect(page).toContain('for 1 day,');
    expect(page).not.toContain('Which tool is in front');
    expect(page).not.toContain('You may pause');
  });

  it('waits for the settings before stating anything about them', () => {
    const page = text(undefined);
    expect(page).toContain('Reading your organisation');
    expect(page).not.toContain('collector');
  });
});
