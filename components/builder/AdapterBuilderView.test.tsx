import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { startSession, withCheck, withPick } from '@/lib/adapters/builder/builder-session';
import { draftToDefinition, managedPolicyJson } from '@/lib/adapters/builder/draft-adapter';
import { draftOf } from '@/lib/adapters/builder/builder-session';
import type { AdapterBuilderModel, PublishState } from '@/lib/platform/pages/use-adapter-builder';
import { AdapterBuilderView } from './AdapterBuilderView';

const NOW = Date.UTC(2026, 11, 5, 15, 0, 0);
const FIRST = 'https://tools.acme.test/app/requests/1042';

const session = withCheck(
  withPick(
    withPick(startSession(FIRST), 'customerName', FIRST, [
      {
        extractor: { selector: '[data-testid="name"]', read: 'text', deep: false },
        kind: 'data',
        value: 'Grace Hopper',
        label: null,
      },
    ]),
    'status',
    FIRST,
    [
      {
        extractor: { selector: 'body > p', read: 'text', deep: false },
        kind: 'position',
        value: 'Open',
        label: 'Status',
      },
    ],
  ),
  'status',
  '2077',
  [{ count: 1, value: 'Phone: 555', label: 'Phone' }],
);
const draft = draftToDefinition(draftOf(session));

function render(change: Partial<AdapterBuilderModel> = {}, collectorUrl: string | null = null) {
  const model: AdapterBuilderModel = {
    session,
    picking: undefined,
    problem: undefined,
    draft,
    preview: undefined,
    policyJson: draft.ok ? managedPolicyJson(draft.input) : undefined,
    publishState: { status: 'idle' },
    allowAccess: async () => undefined,
    pick: async () => undefined,
    cancelPick: () => undefined,
    update: () => undefined,
    setRecordType: () => undefined,
    download: () => undefined,
    publish: async () => undefined,
    ...change,
  };
  return renderToStaticMarkup(
    <AdapterBuilderView model={model} collectorUrl={collectorUrl} now={NOW} onClose={() => {}} />,
  );
}

describe('AdapterBuilderView', () => {
  it('highlights the record id in the address and shows each field’s value and standing', () => {
    const html = render();
    expect(html).toContain('https://tools.acme.test/app/requests/<mark>1042</mark>');
    expect(html).toContain('Grace Hopper');
    expect(html).toContain('Unique on this page');
    expect(html).toContain('Does not hold on record 2077: pick it again there');
    expect(html).toContain('Not picked yet');
    expect(html).toContain('by data attribute');
  });

  it('exports policy JSON with the fields that held', () => {
    const html = render();
    expect(html).toContain('Download policy JSON');
    const policy = /data-testid="builder-policy-json">([^<]*)<\/pre>/.exec(html)![1]!;
    expect(policy).toContain('customAdapters');
    expect(policy).toContain('customerName');
    expect(policy).not.toContain('status');
    expect(policy).not.toContain('body &gt; p');
  });

  it('asks for access when the site is not granted', () => {
    expect(render({ session: undefined, problem: 'noAccess' })).toContain('Allow access');
  });

  it.each<[PublishState, string]>([
    [
      { status: 'published', version: 4, replaced: false },
      'the team&#x27;s adapters are at version 4',
    ],
    [{ status: 'stale' }, 'Retry'],
    [
      { status: 'failed', message: 'PUT /v1/adapters: HTTP 403 forbidden' },
      'Not published: PUT /v1/adapters: HTTP 403 forbidden',
    ],
  ])('says how publishing went (%o)', (publishState, text) => {
    expect(render({ publishState }, 'https://collector.acme.test')).toContain(text);
  });

  it('points to the export when no collector is set', () => {
    expect(render()).toContain('No collector is set (collectorUrl)');
  });
});
