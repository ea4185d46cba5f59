import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { MessagesFile } from '@/lib/i18n/resolve-message';
import { BUILTIN_APP_NAMES } from '@/lib/apps/app-names';
import type { SidebarConnectionState } from '@/lib/platform/pages/use-sidebar-connection';
import type { StoredPrompt, StoredSpan, StoredSwitch, StoredInteraction } from '@/lib/storage/db';
import { resolveSettings } from '@/lib/settings/effective';
import { readAgentChoices } from '@/lib/settings/agent-choices';
import { resolveAdapters } from '@/lib/adapters/adapter-set';
import { adapterDefinitionSchema } from '@/lib/adapters/definition';
import { collectorAdaptersFrom } from '@/lib/settings/collector-adapters';
import { SIDEBAR_DENIALS } from '@/lib/messaging/sidebar-port';
import { SETTINGS } from '@/lib/settings/definitions';
import { TEAM_SETTING_NAMES } from '@/contract/team-policy';
import type { TeamValues } from '@/lib/settings/preview';
import { reportFixture } from '../tests/support/report/report-fixture';
import { germanTextOffences } from '../tests/support/german-text';
import { Sidebar } from './Sidebar';
import { WhatTouchpointRecords } from './WhatTouchpointRecords';
import { SyncStatusView } from './SyncStatusView';
import { FirstRunGuide } from './FirstRunGuide';
import { SettingsTable } from './settings/SettingsTable';
import { LocalData } from './settings/LocalData';
import { AdapterDiagnostics } from './AdapterDiagnostics';
import { TeamPolicyForm } from './console/TeamPolicyForm';
import { AuditLog } from './console/AuditLog';
import { ReportView } from './console/report/ReportView';

// Issue #17, item 3: the UI in German has no English left and shows no internal id as text. Each
// page's components are rendered with the browser answering in German (as `chrome.i18n` does in
// a German browser); every text a person reads must then be made of German catalogue messages,
// the data shown (customer values, numbers, dates), and nothing else.

const LOCALES = path.resolve(import.meta.dirname, '../public/_locales');
const de = JSON.parse(readFileSync(path.join(LOCALES, 'de/messages.json'), 'utf8')) as MessagesFile;

vi.mock('@/lib/i18n/browser-i18n', async () => {
  const { resolveMessage: resolve } = await import('@/lib/i18n/resolve-message');
  const { readFileSync: read } = await import('node:fs');
  const { default: nodePath } = await import('node:path');
  const german = JSON.parse(
    read(nodePath.resolve(import.meta.dirname, '../public/_locales/de/messages.json'), 'utf8'),
  ) as MessagesFile;
  return {
    readBrowserMessage: (key: string, substitutions: string[]) =>
      resolve(german, key, substitutions),
    readUiLanguage: () => 'de',
  };
});

const NOW = Date.UTC(2026, 11, 3, 10, 30);

/** The data these pages show: values a customer, a CRM or the agent supplied, not UI text. */
const DATA = new Set([
  'Ada Lovelace',
  'ada@analytical.example.com',
  'Invoice shows the wrong VAT number',
  'Analytical Engines Ltd',
  'Touchpoint',
  'https://touchpoint.example.com',
  'agent-7f3a',
  'agent-91bc',
  'Gmail',
  'Zendesk',
  'Salesforce',
  'Demo CRM',
  'Slack',
  'demo',
  'Abrechnung (intern)',
  'https://*.zendesk.com/*',
]);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#x27);/g, (_, name: string) => ENTITIES[name]!);

/** Every text node and every attribute a person reads or hears, one string each. */
function readTexts(element: ReactElement): string[] {
  // <code> holds what a person types or copies as it is (a policy key, a JSON value): not prose.
  const html = renderToStaticMarkup(element).replace(/<code[^>]*>[\s\S]*?<\/code>/g, '');
  const attributes = [...html.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map(
    (match) => match[1]!,
  );
  const nodes = html.split(/<[^>]*>/);
  return [...nodes, ...attributes]
    .map(decode)
    .map((text) => text.trim())
    .filter(Boolean);
}

function offences(element: ReactElement): string[] {
  return germanTextOffences(readTexts(element), DATA);
}

const card = {
  name: { value: 'Ada Lovelace', sources: ['zendesk', 'demo-crm'] },
  emails: [{ value: 'ada@analytical.example.com', sources: ['zendesk'] }],
  phones: [],
  organisations: [{ value: 'Analytical Engines Ltd', sources: ['demo-crm'] }],
  customerIds: [{ app: 'demo-crm', value: '7', sources: ['demo-crm'] }],
  seenIn: [
    { app: 'zendesk', appName: 'Zendesk', lastSeenAt: NOW - 60_000 },
    { app: 'demo-crm', appName: 'Demo CRM', lastSeenAt: NOW - 120_000 },
  ],
  records: [
    {
      key: 'zendesk:ticket:42',
      app: 'zendesk',
      appName: 'Zendesk',
      recordType: 'ticket' as const,
      recordId: '42',
      subject: 'Invoice shows the wrong VAT number',
      url: 'https://acme.zendesk.com/agent/tickets/42',
      lastSeenAt: NOW,
      current: true,
    },
  ],
  links: [{ app: 'salesforce', appName: 'Salesforce', url: 'https://acme.my.salesforce.com/' }],
};

const prompt = {
  id: 'p1',
  recordKey: 'zendesk:ticket:42',
  app: 'zendesk',
  appName: 'Zendesk',
  subject: 'Invoice shows the wrong VAT number',
  shownAt: NOW,
  scale: '1-5' as const,
  reasonChoices: ['too-many-tools', 'missing-information'],
  undoMs: 5000,
};

const sidebarState = (state: 'shown' | 'answered'): SidebarConnectionState => ({
  type: 'state',
  tabId: 1,
  appName: 'Zendesk',
  card,
  prompt:
    state === 'answered' ? { ...prompt, state, score: 4, answeredAt: NOW } : { ...prompt, state },
  tracking: {
    enabled: true,
    paused: false,
    interaction: {
      recordKey: 'zendesk:ticket:42',
      app: 'zendesk',
      start: NOW - 300_000,
      handleMs: 240_000,
      awayMs: 60_000,
      lookups: [],
      asOf: NOW,
      growing: null,
      outsideMs: 0,
      switchCount: 2,
    },
    today: { focusMs: 3_600_000, switchCount: 12, interactionCount: 5 },
  },
});

const promptActions = () => ({ answer: () => {}, setReasons: () => {}, act: () => {} });

const records = {
  spans: [
    {
      id: 's1',
      type: 'focus',
      app: 'zendesk',
      recordKey: 'zendesk:ticket:42',
      start: NOW - 600_000,
      end: NOW - 300_000,
    },
    { id: 's2', type: 'focus', app: 'other', start: NOW - 300_000, end: NOW - 240_000 },
    { id: 's3', type: 'focus', app: 'demo-crm', start: NOW - 240_000, end: NOW - 200_000 },
    { id: 's4', type: 'gap', kind: 'idle', start: NOW - 200_000, end: NOW - 100_000 },
  ] as unknown as StoredSpan[],
  switches: [
    { id: 'w1', type: 'switch', at: NOW - 300_000, from: 'zendesk', to: 'other' },
    { id: 'w2', type: 'in-app', at: NOW - 250_000, app: 'slack' },
  ] as unknown as StoredSwitch[],
  interactions: [
    {
      id: 'i1',
      recordKey: 'demo-crm:contact:7',
      handleMs: 90_000,
      switchCount: 1,
      awayMs: 5_000,
      end: NOW,
    },
  ] as unknown as StoredInteraction[],
  prompts: [
    { id: 'p1', recordKey: 'zendesk:ticket:42', state: 'answered', score: 4, createdAt: NOW },
    {
      id: 'p2',
      recordKey: 'zendesk:ticket:43',
      state: 'skipped',
      skipReason: 'too-short',
      createdAt: NOW,
    },
    {
      id: 'p3',
      recordKey: 'zendesk:ticket:44',
      state: 'skipped',
      skipReason: 'min-gap',
      createdAt: NOW,
    },
  ] as unknown as StoredPrompt[],
};
const appName = (id: string) =>
  id === 'other'
    ? de.unknownAppName!.message
    : (({ ...BUILTIN_APP_NAMES, 'demo-crm': 'Demo CRM' } as Record<string, string>)[id] ?? id);

const effective = resolveSettings({});
const settingEntries = Object.keys(SETTINGS).map((name) => ({
  name,
  value: effective.settings[name as keyof typeof SETTINGS],
  source: effective.sources[name as keyof typeof SETTINGS].source,
  locked: false,
  agentAdjustable: SETTINGS[name as keyof typeof SETTINGS].agentAdjustable,
  teamLevel: false,
}));

/** An adapter the admin's policy may list (issue #16 shape). */
const adapter = (id: string, changes: Record<string, unknown> = {}) => ({
  id,
  name: 'Acme Desk',
  hosts: ['https://desk.acme.test/*'],
  records: [{ type: 'ticket', url: '/t/(\\d+)' }],
  fields: { customerName: [{ selector: '#name' }] },
  ...changes,
});

/**
 * The problems of a policy with several mistakes as the options page gets them: a value over its
 * limit, an unknown key, adapters with hosts as text, a bad pattern and a repeated id, an unknown
 * name in the lock list, a team value the admin locked, an agent choice agents may not make; and
 * what the collector's definitions and the agent's stored choices can get wrong.
 */
const { problems: policyProblems } = resolveSettings({
  managed: {
    prompts: { maxPerDay: 250 },
    colour: 'red',
    customAdapters: [
      JSON.stringify(adapter('freescout', { hosts: 'https://help.acme.test/*' })),
      adapter('acme-desk', { records: [{ type: 'ticket', url: '/t/(' }] }),
      adapter('acme-desk'),
      adapter('acme-desk'),
      '{"id": "half',
    ],
    lockedSettings: ['idleThresholdSeconds', 'colour'],
    idLinks: [['zendesk:42']],
  },
  team: { idleThresholdSeconds: 90, collectorUrl: 'https://elsewhere.example.com' },
  agent: { retentionDays: 3 },
});

const COLLECTOR = 'https://collector.acme.test';
const COLLECTOR_KEY = { url: COLLECTOR, fingerprint: 'fp-collector' };
const collectorProblems = [
  ...readAgentChoices({ values: 'not values' }).problems,
  ...readAgentChoices({ schemaVersion: 99, values: {} }).problems,
  ...collectorAdaptersFrom(
    { collectorUrl: COLLECTOR, version: 2, fetchedAt: 1, answer: 'not an answer' },
    COLLECTOR_KEY,
  )!.problems,
  ...collectorAdaptersFrom(
    {
      collectorUrl: COLLECTOR,
      version: 2,
      fetchedAt: 1,
      answer: {
        version: 2,
        definitions: { overrides: [{ id: 'zendesk', script: 1 }], custom: [adapter('x y')] },
      },
    },
    COLLECTOR_KEY,
  )!.problems,
  ...resolveAdapters({
    managed: [adapterDefinitionSchema.parse(adapter('acme-desk'))],
    collector: {
      overrides: [
        { id: 'acme-desk', fields: {}, hosts: [], records: [] },
        { id: 'nowhere', fields: {}, hosts: [], records: [] },
      ],
      custom: [adapterDefinitionSchema.parse(adapter('acme-desk'))],
    },
  }).problems,
];

const teamValues = Object.fromEntries(
  TEAM_SETTING_NAMES.map((name) => [name, effective.settings[name]]),
) as TeamValues;

const PAGES: [string, ReactElement][] = [
  ...SIDEBAR_DENIALS.map((code): [string, ReactElement] => [
    `sidebar not connected (${code})`,
    <Sidebar
      state={{ type: 'denied', code, detail: 'token: Invalid input: expected string' }}
      now={NOW}
      promptActions={promptActions}
    />,
  ]),
  [
    'sidebar with a prompt',
    <Sidebar state={sidebarState('shown')} now={NOW} promptActions={promptActions} />,
  ],
  [
    'sidebar after an answer',
    <Sidebar state={sidebarState('answered')} now={NOW} promptActions={promptActions} />,
  ],
  [
    'popup',
    <>
      <WhatTouchpointRecords
        records={records}
        status={{ enabled: true, paused: false, allowPause: true }}
        onSetPaused={() => {}}
        appName={appName}
      />
      <SyncStatusView
        status={{
          configured: true,
          identityMode: 'pseudonymous',
          pending: 3,
          deadLetters: 0,
          syncedCount: 10,
          lastSuccessAt: NOW - 60_000,
          lastError: null,
          nextAttemptAt: null,
          blocked: false,
          running: false,
          storagePersisted: true,
        }}
        now={NOW}
        busy={false}
        onSyncNow={() => {}}
      />
    </>,
  ],
  [
    'first-run page',
    <FirstRunGuide
      facts={{
        trackingEnabled: true,
        promptsEnabled: true,
        identityMode: 'pseudonymous',
        collectorUrl: 'https://touchpoint.example.com',
        allowPause: true,
        retentionDays: 7,
        storeOtherDomains: false,
        minGroupSize: 5,
      }}
      settingsHref="options.html"
    />,
  ],
  [
    'options',
    <>
      <SettingsTable entries={settingEntries} onChoose={() => {}} />
      <LocalData
        onExport={() => {}}
        onPrepareDelete={() => {}}
        onConfirmDelete={() => {}}
        onCancelDelete={() => {}}
        pending={undefined}
        deleted={false}
      />
      <AdapterDiagnostics
        diagnostics={{
          adapters: [
            {
              id: 'zendesk',
              name: 'Zendesk',
              hosts: ['https://*.zendesk.com/*'],
              source: 'built-in',
              fields: { subject: 'collector' },
            },
          ],
          collectorAdaptersVersion: 3,
          policyProblems: [...policyProblems, ...collectorProblems],
          hostsAwaitingGrant: [],
        }}
        onGrant={() => {}}
      />
    </>,
  ],
  [
    'console',
    <>
      <TeamPolicyForm
        values={teamValues}
        locked={new Set(['retentionDays'])}
        inPolicy={new Set(['allowPause'])}
        onChange={() => {}}
        onReset={() => {}}
        onValidity={() => {}}
        minGroupSizeFloor={5}
      />
      <AuditLog entries={[]} now={NOW} />
      <ReportView
        report={reportFixture()}
        onDownloadCsv={() => {}}
        appName={(id) => (id === 'in-house-billing' ? 'Abrechnung (intern)' : appName(id))}
      />
    </>,
  ],
];

describe('German UI (issue #17)', () => {
  it.each(PAGES)(
    '%s: every text is German from the catalogue or data, no internal id',
    (_, page) => {
      expect(offences(page)).toEqual([]);
    },
  );

  it('renders a problem of every kind the policy above has, each naming where it is', () => {
    expect(new Set(policyProblems.map((problem) => problem.reason.kind))).toEqual(
      new Set([
        'invalid',
        'unknownSetting',
        'duplicateId',
        'notJson',
        'lockedByAdmin',
        'notTeamSetting',
        'notAgentSetting',
        'noEntryLeft',
      ]),
    );
    expect(new Set(collectorProblems.map((problem) => problem.reason.kind))).toEqual(
      new Set(['unreadable', 'newerVersion', 'invalid', 'shadowed', 'noBuiltIn']),
    );
    const html = renderToStaticMarkup(PAGES.find(([name]) => name === 'options')![1]);
    for (const where of ['prompts.maxPerDay', 'customAdapters[0] (freescout)', 'lockedSettings'])
      expect(html).toContain(`<code>${where}</code>`);
  });

  it('catches English and ids: the check itself can fail', () => {
    expect(offences(<p>Pause recording</p>)).toEqual([
      'not in the German catalogue: "Pause recording"',
    ]);
    expect(offences(<p title="Zendesk ticket 42">42</p>)).toEqual([
      'not in the German catalogue: "Zendesk ticket 42"',
    ]);
    expect(offences(<p>{'demo-crm'}</p>)).toEqual(['internal id demo-crm: "demo-crm"']);
    expect(offences(<p>Aufzeichnung pausieren</p>)).toEqual([]);
    expect(offences(<p>Zendesk Ticket 42</p>)).toEqual([]);
  });
});
