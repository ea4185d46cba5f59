import { describe, expect, it } from 'vitest';
import { defaultSettings } from './definitions';
import { parseManagedPolicy, resolveSettings } from './effective';

const goodAdapter = {
  id: 'acme-desk',
  name: 'Acme Desk',
  hosts: ['https://desk.acme.test/*'],
  records: [{ type: 'ticket', url: '/cases/(\\d+)' }],
  fields: { customerName: [{ selector: '.name' }] },
};

describe('parseManagedPolicy', () => {
  it('uses the defaults when there is no policy', () => {
    expect(parseManagedPolicy(undefined)).toEqual({
      settings: defaultSettings(),
      diagnostics: [],
    });
  });

  it('takes valid values and ignores invalid ones with a diagnostic naming the setting', () => {
    const { settings, diagnostics } = parseManagedPolicy({
      retentionDays: 3,
      defaultCallingCode: '+49',
    });
    expect(settings.retentionDays).toBe(3);
    expect(settings.defaultCallingCode).toBe('1');
    expect(diagnostics).toEqual([
      expect.stringMatching(/^defaultCallingCode: .*calling code.*; using the default$/),
    ]);
  });

  it('keeps every valid custom adapter when another is broken, and says which field is wrong', () => {
    const { settings, diagnostics } = parseManagedPolicy({
      customAdapters: [
        { ...goodAdapter, records: [{ type: 'ticket', url: '(' }] },
        goodAdapter,
        { ...goodAdapter, id: 'Bad Id' },
        { id: 'typed-wrong', hosts: 'https://x.test/*' },
        goodAdapter,
      ],
    });
    expect(settings.customAdapters.map((adapter) => adapter.id)).toEqual(['acme-desk']);
    expect(diagnostics).toEqual([
      expect.stringContaining(
        'customAdapters[0] (acme-desk): records.0.url: is not a valid regular expression',
      ),
      expect.stringContaining('customAdapters[2] (Bad Id): id: app id must be'),
      expect.stringContaining('customAdapters[3] (typed-wrong):'),
      'customAdapters[4] (acme-desk): duplicate id; adapter ignored',
    ]);
  });

  it('reads adapters given as JSON text (as Chrome passes them) one by one', () => {
    const { settings, diagnostics } = parseManagedPolicy({
      customAdapters: [
        JSON.stringify({ ...goodAdapter, id: 'typed-wrong', hosts: 'https://x.test/*' }),
        '{"id": "half-written",',
        JSON.stringify(goodAdapter),
      ],
    });
    expect(settings.customAdapters.map((adapter) => adapter.id)).toEqual(['acme-desk']);
    expect(diagnostics).toEqual([
      expect.stringMatching(/^customAdapters\[0\] \(typed-wrong\): hosts: .*; adapter ignored$/),
      expect.stringMatching(/^customAdapters\[1\]: not valid JSON .*; adapter ignored$/),
    ]);
  });

  it('refuses an adapter with a misspelt part by name, instead of reading something else', () => {
    const [field] = goodAdapter.fields.customerName;
    const { settings, diagnostics } = parseManagedPolicy({
      customAdapters: [
        JSON.stringify({ ...goodAdapter, id: 'typo-self', selfhosted: true }),
        JSON.stringify({
          ...goodAdapter,
          id: 'typo-read',
          fields: { customerName: [{ ...field, attribute: 'href', reed: 'attribute' }] },
        }),
        JSON.stringify({
          ...goodAdapter,
          id: 'no-read',
          fields: { customerName: [{ ...field, attribute: 'href' }] },
        }),
        JSON.stringify({
          ...goodAdapter,
          id: 'no-group',
          records: [{ type: 'ticket', url: '/cases/(\\d+)', idGroup: 2 }],
        }),
        JSON.stringify({ ...goodAdapter, id: 'bad-css', scope: ['div['] }),
        JSON.stringify(goodAdapter),
      ],
    });
    expect(settings.customAdapters.map((adapter) => adapter.id)).toEqual(['acme-desk']);
    expect(diagnostics).toEqual([
      expect.stringMatching(/^customAdapters\[0\] \(typo-self\): .*selfhosted.*; adapter ignored$/),
      expect.stringMatching(/^customAdapters\[1\] \(typo-read\): .*reed.*; adapter ignored$/),
      expect.stringMatching(
        /^customAdapters\[2\] \(no-read\): fields\.customerName\.0\.attribute: is read only with read: "attribute"; adapter ignored$/,
      ),
      'customAdapters[3] (no-group): records.0.idGroup: names a group the url pattern does not have; adapter ignored',
      'customAdapters[4] (bad-css): scope.0: is not a valid CSS selector; adapter ignored',
    ]);
  });

  it('names an agent id with a line break and leaves it unset, so no event carries it', () => {
    const { settings, diagnostics } = parseManagedPolicy({ agentId: 'ana\n' });
    expect(settings.agentId).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.stringMatching(
        /^agentId: must not contain control characters [^;]*; using the default$/,
      ),
    ]);
  });

  it('falls back for one prompt setting over its limit, keeping the admin’s other prompt values', () => {
    const { settings, diagnostics } = parseManagedPolicy({
      prompts: { maxPerDay: 250, maxPerHour: 3, samplingRate: 1 },
    });
    expect(settings.prompts).toMatchObject({ maxPerDay: 6, maxPerHour: 3, samplingRate: 1 });
    expect(diagnostics).toEqual([
      expect.stringMatching(/^prompts\.maxPerDay: .*200.*; using the default$/),
    ]);
  });

  it.each([
    ['a misspelt key', { maxPerDy: 3 }, /^prompts\.maxPerDy: unknown field; ignored$/],
    ['every key over its limit', { maxPerDay: 250 }, /^prompts\.maxPerDay: .*200.*; ignored$/],
    [
      'a misspelt key one level down',
      { triggers: { closd: false } },
      /^prompts\.triggers\.closd: unknown field; ignored$/,
    ],
    [
      'a list whose every entry is wrong',
      { quietHours: [{ start: '9:00', end: '10:00' }] },
      /^prompts\.quietHours\[0\]\.start: .*; ignored$/,
    ],
  ])(
    'leaves prompts to the team and agents when nothing the admin set survives: %s',
    (_, prompts, problem) => {
      const { settings, sources, diagnostics } = resolveSettings({
        managed: { prompts },
        team: { prompts: { maxPerDay: 2, scale: 'ces-7' } },
      });
      expect(settings.prompts).toMatchObject({ maxPerDay: 2, scale: 'ces-7' });
      expect(sources.prompts).toEqual({ source: 'team', locked: false });
      expect(diagnostics).toEqual([expect.stringMatching(problem)]);
    },
  );

  it('keeps a list whose every entry is wrong empty, never wider, and says what that means', () => {
    // A capital letter: app ids are lower case. Falling back to "all" would measure every app.
    const { settings, sources, diagnostics } = resolveSettings({
      managed: { trackedApps: ['Zendesk'] },
      team: { trackedApps: ['zendesk', 'hubspot'] },
    });
    expect(settings.trackedApps).toEqual([]);
    expect(sources.trackedApps).toEqual({ source: 'managed', locked: true });
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^trackedApps\[0\]: .*; entry ignored$/),
        "trackedApps: no entry is valid, so the list in force is empty (for trackedApps: no app is measured by name); using the admin's value",
      ]),
    );
  });

  it('keeps a list the admin emptied on purpose, and the good entries of a list', () => {
    const emptied = resolveSettings({
      managed: { trackedApps: [] },
      team: { trackedApps: ['zendesk'] },
    });
    expect(emptied.settings.trackedApps).toEqual([]);
    expect(emptied.sources.trackedApps).toMatchObject({ source: 'managed', locked: true });
    expect(emptied.diagnostics.join('\n')).not.toContain('no entry is valid');
    const mixed = resolveSettings({ managed: { trackedApps: ['Zendesk', 'hubspot'] } });
    expect(mixed.settings.trackedApps).toEqual(['hubspot']);
    expect(mixed.sources.trackedApps).toMatchObject({ source: 'managed' });
  });

  it('names a managed prompts object the browser emptied, and leaves prompts to the team', () => {
    // What Chrome delivers for {"maxPerDy": 3}: its schema check removes the unknown key.
    const { settings, sources, problems } = resolveSettings({
      managed: { prompts: {} },
      team: { prompts: { maxPerDay: 2 } },
    });
    expect(settings.prompts.maxPerDay).toBe(2);
    expect(sources.prompts).toEqual({ source: 'team', locked: false });
    expect(problems).toEqual([
      { source: 'managed', path: 'prompts', reason: { kind: 'setsNothing' }, outcome: 'team' },
    ]);
  });

  it('still locks a setting the admin locked by name when nothing they set survives', () => {
    const { settings, sources } = resolveSettings({
      managed: { prompts: { maxPerDay: 250 }, lockedSettings: ['prompts'] },
      team: { prompts: { maxPerDay: 2 } },
    });
    expect(settings.prompts.maxPerDay).toBe(6);
    expect(sources.prompts).toEqual({ source: 'default', locked: true });
  });

  it('refuses a managed prompts.scale, naming the team policy, and keeps the admin’s other prompt values', () => {
    // Reports count effort answers on the team policy's scale only: answers on the admin's 7
    // points were all "not eligible", and the team's effort figures stayed empty.
    const { settings, sources, diagnostics } = resolveSettings({
      managed: { prompts: { maxPerDay: 3, scale: 'ces-7' } },
      team: { prompts: { maxPerDay: 2, scale: '1-5' } },
    });
    expect(settings.prompts).toMatchObject({ maxPerDay: 3, scale: '1-5' });
    expect(sources.prompts).toEqual({ source: 'managed', locked: true });
    expect(diagnostics).toEqual([
      "prompts.scale: reports count effort answers on the team's scale only: set it as prompts.scale in the team policy; ignored",
      'team policy: prompts: locked by the admin; ignored',
    ]);
  });

  it('leaves prompts to the team when the scale is all the admin set', () => {
    const { settings, sources, diagnostics } = resolveSettings({
      managed: { prompts: { scale: 'ces-7' } },
      team: { prompts: { maxPerDay: 2 } },
    });
    expect(settings.prompts).toMatchObject({ maxPerDay: 2, scale: '1-5' });
    expect(sources.prompts).toEqual({ source: 'team', locked: false });
    expect(diagnostics).toEqual([
      "prompts.scale: reports count effort answers on the team's scale only: set it as prompts.scale in the team policy; ignored",
    ]);
  });

  it.each([
    ['managed prompt settings', { prompts: { maxPerDay: 3 } }, 3],
    ['a lock on prompts', { lockedSettings: ['prompts'] }, 6],
  ])('prompts on the team’s scale under %s', (_, managed, maxPerDay) => {
    const { settings, sources } = resolveSettings({
      managed,
      team: { prompts: { maxPerDay: 2, scale: 'ces-7' } },
    });
    expect(settings.prompts).toMatchObject({ maxPerDay, scale: 'ces-7' });
    expect(sources.prompts.locked).toBe(true);
  });

  it('refuses a lock on prompts.scale, naming the team policy', () => {
    const { settings, diagnostics } = resolveSettings({
      managed: { lockedSettings: ['prompts.scale'] },
      team: { prompts: { scale: 'ces-7' } },
    });
    expect(settings.prompts.scale).toBe('ces-7');
    expect(diagnostics).toEqual([
      "lockedSettings: prompts.scale: reports count effort answers on the team's scale only: set it as prompts.scale in the team policy; ignored",
    ]);
  });

  it.each([
    'https://evil.test/collect?email={recordId}',
    '//evil.test/collect?email={email}',
    '/\\evil.test/collect?email={email}',
  ])('rejects an admin API step that would leave the CRM’s own origin: %s', (path) => {
    const { diagnostics } = parseManagedPolicy({
      customAdapters: [{ ...goodAdapter, api: [{ path }] }],
    });
    expect(diagnostics[0]).toContain('api.0.path: must be a path on the same origin');
  });

  it('refuses an admin pattern that backtracks exponentially on text a customer can write', () => {
    const { diagnostics } = parseManagedPolicy({
      customAdapters: [
        {
          ...goodAdapter,
          fields: { customerEmail: [{ selector: '.mail', pattern: '^([a-zA-Z0-9._-]+)+@' }] },
        },
      ],
    });
    expect(diagnostics[0]).toContain(
      'fields.customerEmail.0.pattern: may take exponential time on some text',
    );
  });

  it('accepts extra hosts for a self-hosted built-in adapter', () => {
    const { settings } = parseManagedPolicy({
      adapterHosts: { osticket: ['https://help.acme.test/*'] },
    });
    expect(settings.adapterHosts).toEqual({ osticket: ['https://help.acme.test/*'] });
  });

  it('names settings it does not know instead of silently ignoring them', () => {
    expect(parseManagedPolicy({ retentionDay: 3 }).diagnostics).toEqual([
      'retentionDay: unknown setting; ignored',
    ]);
  });

  it('reads tracking settings', () => {
    const { settings } = parseManagedPolicy({
      trackingEnabled: false,
      idleThresholdSeconds: 120,
      trackedApps: ['zendesk'],
    });
    expect(settings).toMatchObject({
      trackingEnabled: false,
      idleThresholdSeconds: 120,
      trackedApps: ['zendesk'],
    });
  });

  it('falls back to the defaults when the policy is not an object', () => {
    expect(parseManagedPolicy(['x']).diagnostics).toEqual([
      'policy: must be an object; using defaults',
    ]);
  });
});
