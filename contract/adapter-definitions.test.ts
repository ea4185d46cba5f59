import { describe, expect, it } from 'vitest';
import {
  adapterDefinitionSchema,
  readTeamAdaptersLeniently,
  teamAdapterDefinitionsSchema,
} from './adapter-definitions';
import { adapterHealthSchema } from './events';
import { parseLeniently } from './lenient-parse';
import { TEAM_SETTINGS } from './team-policy';

const acme = {
  id: 'acme-desk',
  name: 'Acme Desk',
  hosts: ['https://desk.example.com/*'],
  records: [{ type: 'ticket', url: '/cases/(\\d+)' }],
  fields: { customerName: [{ selector: '#customer .name' }] },
};

describe('team adapter definitions (issue #16)', () => {
  it('reads each served entry on its own: one bad entry never drops the others', () => {
    const read = readTeamAdaptersLeniently({
      version: 4,
      definitions: {
        overrides: [
          { id: 'zendesk', fields: { subject: [{ selector: 'h1' }] }, script: 'alert(1)' },
          { id: 'hubspot', hosts: ['https://app.hubspot.com/*'] },
        ],
        custom: [acme, { ...acme, id: 'Not An Id' }, acme],
      },
    });
    expect(read?.version).toBe(4);
    expect(read?.definitions.overrides.map((override) => override.id)).toEqual(['hubspot']);
    expect(read?.definitions.custom.map((adapter) => adapter.id)).toEqual(['acme-desk']);
    expect(read?.problems).toEqual([
      {
        list: 'overrides',
        index: 0,
        adapterId: 'zendesk',
        reason: expect.objectContaining({
          kind: 'invalid',
          issues: [expect.objectContaining({ code: 'unrecognized_keys', keys: ['script'] })],
        }),
      },
      {
        list: 'custom',
        index: 1,
        adapterId: 'Not An Id',
        reason: expect.objectContaining({
          kind: 'invalid',
          issues: [
            expect.objectContaining({ path: 'id', message: expect.stringMatching(/^app id/) }),
          ],
        }),
      },
      { list: 'custom', index: 2, adapterId: 'acme-desk', reason: { kind: 'duplicateId' } },
    ]);
  });

  it('takes a field read on some record types only, and refuses the types on a record id', () => {
    const typed = {
      ...acme,
      fields: { customerName: [{ selector: '#requester', forTypes: ['ticket'] }] },
    };
    expect(adapterDefinitionSchema.safeParse(typed).success).toBe(true);
    const onId = {
      ...acme,
      records: [
        {
          type: 'ticket',
          url: '/cases\\?number=',
          idFrom: { selector: '#id', forTypes: ['ticket'] },
        },
      ],
    };
    const refused = adapterDefinitionSchema.safeParse(onId);
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({
        path: ['records', 0, 'idFrom', 'forTypes'],
        message: expect.stringMatching(/^is read on fields only/),
      }),
    ]);
  });

  it('refuses an adapter or catalogue entry named other: its time would merge with every unknown page', () => {
    const read = readTeamAdaptersLeniently({
      version: 1,
      definitions: { overrides: [], custom: [{ ...acme, id: 'other' }, acme] },
    });
    expect(read?.definitions.custom.map((adapter) => adapter.id)).toEqual(['acme-desk']);
    expect(read?.problems[0]?.reason).toMatchObject({
      issues: [
        expect.objectContaining({ path: 'id', message: expect.stringMatching(/^is reserved/) }),
      ],
    });
    const { value, problems } = parseLeniently(TEAM_SETTINGS.catalogueAdditions.schema, [
      { id: 'other', name: 'Intranet', category: 'wiki', hosts: ['https://intranet.acme.test/*'] },
    ]);
    expect(value).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/^\[0\]\.id: is reserved.*; entry ignored$/)]);
  });

  it('refuses an envelope without a version, and a published set naming an adapter twice', () => {
    expect(readTeamAdaptersLeniently({ definitions: { overrides: [], custom: [] } })).toBeNull();
    const twice = teamAdapterDefinitionsSchema.safeParse({ overrides: [], custom: [acme, acme] });
    expect(twice.success).toBe(false);
  });
});

describe('adapter.health counts', () => {
  const counts = {
    hourStart: Date.UTC(2026, 2, 2, 9),
    app: 'zendesk',
    records: 10,
    fields: { subject: { matched: 9, missed: 1, extractors: { 'selector:h1': 9 } } },
  };

  it('accepts counts that add up', () => {
    expect(adapterHealthSchema.safeParse(counts).success).toBe(true);
  });

  it.each([
    [
      'more matched and missed than records',
      { subject: { matched: 10, missed: 1, extractors: {} } },
    ],
    [
      'more extractor matches than matches',
      { subject: { matched: 2, missed: 0, extractors: { a: 3 } } },
    ],
    [
      'a field the contract does not know',
      { customerAddress: { matched: 1, missed: 0, extractors: {} } },
    ],
  ])('refuses %s', (_, fields) => {
    expect(adapterHealthSchema.safeParse({ ...counts, fields }).success).toBe(false);
  });

  it('refuses an hour that does not start on the hour', () => {
    expect(
      adapterHealthSchema.safeParse({ ...counts, hourStart: counts.hourStart + 1 }).success,
    ).toBe(false);
  });
});

describe('adapter patterns that take polynomial time', () => {
  const withPattern = (pattern: string) => ({
    ...acme,
    fields: { customerEmail: [{ selector: '#customer .email', pattern }] },
  });

  it.each(['(.+)\\s+(.+)\\s+(.+)@', '(.+)@(.+)\\.(.+)\\.com', '.*.*.*=x', '(.*,){8}x', '.*.*=x'])(
    'refuses %s, naming the problem and the fix',
    (pattern) => {
      const parsed = adapterDefinitionSchema.safeParse(withPattern(pattern));
      expect(parsed.success).toBe(false);
      const messages = parsed.error!.issues.map((issue) => issue.message);
      expect(messages).toEqual([
        expect.stringMatching(/^may take seconds on long text: .*\[\^@\]\+/),
      ]);
    },
  );

  it('gives one message for a pattern that is exponential too', () => {
    const parsed = adapterDefinitionSchema.safeParse(withPattern('(.*.*)+.*=x'));
    expect(parsed.error!.issues.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/^may take exponential time/),
    ]);
  });
});
