import { describe, expect, it } from 'vitest';
import { resolveSettings } from './effective';

// A careless admin's policy (Firefox's policies.json has no schema check at all; Chrome's checks
// types only; some MDMs send JSON as text) must never make Touchpoint collect more than meant.

const resolve = (managed: Record<string, unknown>, team?: Record<string, unknown>) =>
  resolveSettings({ managed, team: team ?? null });

describe('managed policy: a list written as one string or as JSON text', () => {
  it.each([
    ['one app id', 'zendesk'],
    ['JSON text', '["zendesk"]'],
    ['JSON text with spaces', ' [ "zendesk" ] '],
  ])('reads trackedApps given as %s as that list, not as every app', (_, trackedApps) => {
    const { settings, sources, diagnostics } = resolve({ trackedApps });
    expect(settings.trackedApps).toEqual(['zendesk']);
    expect(sources.trackedApps).toEqual({ source: 'managed', locked: true });
    expect(diagnostics).toEqual([]);
  });

  it('keeps the special value "all", in any case', () => {
    expect(resolve({ trackedApps: ' All ' }, { trackedApps: ['zendesk'] }).settings).toMatchObject({
      trackedApps: 'all',
    });
  });

  it('reads one wrong app id as a list with no valid entry: none measured by name', () => {
    const { settings, diagnostics } = resolve({ trackedApps: 'Zendesk Support' });
    expect(settings.trackedApps).toEqual([]);
    expect(diagnostics).toContain(
      "trackedApps: no entry is valid, so the list in force is empty (for trackedApps: no app is measured by name); using the admin's value",
    );
  });

  it.each([
    ['broken JSON text', '["zendesk"', /^trackedApps: not valid JSON \(.+\)/],
    ['a number', 42, /^trackedApps: must be "all" or a list of app ids;/],
    ['an object', { zendesk: true }, /^trackedApps: must be "all" or a list of app ids;/],
  ])(
    'applies the narrowest trackedApps (none by name) for %s, and says so',
    (_, trackedApps, reason) => {
      const { settings, sources, diagnostics } = resolve(
        { trackedApps },
        { trackedApps: ['zendesk'] },
      );
      expect(settings.trackedApps).toEqual([]);
      expect(sources.trackedApps).toEqual({ source: 'managed', locked: true });
      expect(diagnostics).toEqual([
        expect.stringMatching(reason),
        'team policy: trackedApps: locked by the admin; ignored',
      ]);
      expect(diagnostics[0]).toMatch(/; no app is measured by name \(the most private reading\)$/);
    },
  );

  it.each([
    ['one name', 'identityMode'],
    ['one name, in another case', ' IdentityMode'],
    ['JSON text', '["identityMode", "trackedApps"]'],
  ])('reads lockedSettings given as %s, so the team policy cannot change it', (_, lock) => {
    const { settings, sources, diagnostics } = resolve(
      { lockedSettings: lock },
      { identityMode: 'identified' },
    );
    expect(settings.identityMode).toBe('pseudonymous');
    expect(sources.identityMode).toEqual({ source: 'default', locked: true });
    expect(diagnostics).toEqual(['team policy: identityMode: locked by the admin; ignored']);
  });

  it('names a lock list in broken JSON text', () => {
    expect(resolve({ lockedSettings: '["identityMode"' }).diagnostics).toEqual([
      expect.stringMatching(/^lockedSettings: not valid JSON \(.+\); ignored$/),
    ]);
  });

  it('reads other lists of strings the same way', () => {
    const { settings } = resolve({
      inHouseDomains: 'acme.com',
      adapterHosts: { osticket: 'https://help.acme.test/*' },
      prompts: { reasons: '["policy"]' },
    });
    expect(settings.inHouseDomains).toEqual(['acme.com']);
    expect(settings.adapterHosts).toEqual({ osticket: ['https://help.acme.test/*'] });
    expect(settings.prompts.reasons).toEqual(['policy']);
  });
});

describe('managed policy: enum values in another case or with spaces', () => {
  it.each(['Anonymous', 'anonymous ', ' ANONYMOUS'])(
    'reads identityMode %j as anonymous, locked',
    (identityMode) => {
      const { settings, sources, diagnostics } = resolve(
        { identityMode },
        { identityMode: 'identified' },
      );
      expect(settings.identityMode).toBe('anonymous');
      expect(sources.identityMode).toEqual({ source: 'managed', locked: true });
      expect(diagnostics).toEqual(['team policy: identityMode: locked by the admin; ignored']);
    },
  );

  it('falls back to anonymous, the most private mode, for an identityMode it cannot read', () => {
    const { settings, sources, diagnostics } = resolve(
      { identityMode: 'anon', lockedSettings: ['identityMode'] },
      { identityMode: 'identified' },
    );
    expect(settings.identityMode).toBe('anonymous');
    expect(sources.identityMode).toEqual({ source: 'managed', locked: true });
    expect(diagnostics[0]).toMatch(
      /^identityMode: .*identified.*pseudonymous.*anonymous.*; using anonymous \(the most private mode\)$/,
    );
  });
});

describe('managed policy: booleans and numbers written as text', () => {
  it.each([
    ['"false"', 'false', false],
    ['" FALSE "', ' FALSE ', false],
    ['0', 0, false],
    ['"true"', 'true', true],
    ['1', 1, true],
  ])('reads trackingEnabled %s', (_, trackingEnabled, expected) => {
    const { settings, sources, diagnostics } = resolve({ trackingEnabled });
    expect(settings.trackingEnabled).toBe(expected);
    expect(sources.trackingEnabled).toEqual({ source: 'managed', locked: true });
    expect(diagnostics).toEqual([]);
  });

  it('turns measuring off, the most private reading, for a trackingEnabled it cannot read', () => {
    const { settings, diagnostics } = resolve({ trackingEnabled: 'no' });
    expect(settings.trackingEnabled).toBe(false);
    expect(diagnostics).toEqual([
      expect.stringMatching(
        /^trackingEnabled: .*boolean.*; measuring is off \(the most private reading\)$/,
      ),
    ]);
  });

  it('reads allowPause "false", prompts.enabled "false" and a numeric retentionDays', () => {
    const { settings, diagnostics } = resolve({
      allowPause: 'false',
      prompts: { enabled: 'false', maxPerDay: 3, samplingRate: '0.25' },
      retentionDays: '3',
    });
    expect(settings.allowPause).toBe(false);
    expect(settings.prompts).toMatchObject({ enabled: false, maxPerDay: 3, samplingRate: 0.25 });
    expect(settings.retentionDays).toBe(3);
    expect(diagnostics).toEqual([]);
  });

  it('still checks ranges, and refuses text that is not a plain decimal number', () => {
    const { settings, diagnostics } = resolve({
      retentionDays: '365',
      idleThresholdSeconds: '1e3',
      prompts: { maxPerDay: '6 per day' },
    });
    expect(settings.retentionDays).toBe(7);
    expect(settings.idleThresholdSeconds).toBe(60);
    expect(diagnostics).toEqual([
      'prompts.maxPerDay: Invalid input: expected number, received string; ignored',
      'idleThresholdSeconds: Invalid input: expected number, received string; using the default',
      'retentionDays: Too big: expected number to be <=90; using the default',
    ]);
  });

  it('leaves the team policy strict: the collector reads "false" as invalid', () => {
    const { settings, diagnostics } = resolveSettings({ team: { trackingEnabled: 'false' } });
    expect(settings.trackingEnabled).toBe(true);
    expect(diagnostics).toEqual([
      expect.stringMatching(/^team policy: trackingEnabled: .*; using the default$/),
    ]);
  });
});
