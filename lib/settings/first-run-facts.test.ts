import { describe, expect, it } from 'vitest';
import { firstRunFacts } from './first-run-facts';

describe('firstRunFacts', () => {
  it('states the settings in force', () => {
    const facts = firstRunFacts(
      [
        { name: 'identityMode', value: 'identified' },
        { name: 'allowPause', value: false },
        { name: 'retentionDays', value: 3 },
        { name: 'trackingEnabled', value: true },
        { name: 'storeOtherDomains', value: true },
        { name: 'prompts', value: { enabled: false, samplingRate: 1 } },
        { name: 'minGroupSize', value: 8 },
      ],
      'https://touchpoint.example.com',
    );
    expect(facts).toEqual({
      trackingEnabled: true,
      promptsEnabled: false,
      identityMode: 'identified',
      collectorUrl: 'https://touchpoint.example.com',
      allowPause: false,
      retentionDays: 3,
      storeOtherDomains: true,
      minGroupSize: 8,
    });
  });

  it('falls back to the defaults, never to a claim the settings do not make', () => {
    const facts = firstRunFacts(
      [
        { name: 'identityMode', value: 'nobody' },
        { name: 'allowPause', value: 'yes' },
      ],
      '',
    );
    expect(facts).toMatchObject({
      identityMode: 'pseudonymous',
      allowPause: true,
      collectorUrl: null,
      retentionDays: 7,
      storeOtherDomains: false,
      promptsEnabled: true,
    });
  });
});
