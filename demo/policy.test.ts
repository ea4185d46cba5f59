import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../lib/settings/effective';
import { DEMO_POLICY, DEMO_TEAM_POLICY } from './policy';

describe('demo policy', () => {
  it('leaves the prompt settings to the team policy, so a supervisor can change them in the console (issue #17)', () => {
    const { settings, sources } = resolveSettings({ managed: DEMO_POLICY, team: DEMO_TEAM_POLICY });
    expect(sources.prompts).toMatchObject({ source: 'team', locked: false });
    expect(settings.prompts).toMatchObject({ samplingRate: 1, minHandleMs: 10_000 });
    // The collector address and token stay the admin's (managed, locked).
    expect(sources.collectorUrl).toMatchObject({ source: 'managed', locked: true });
  });
});
