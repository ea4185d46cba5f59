import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AdapterHealthReport } from '@/contract/adapter-health';
import { AdapterHealthView } from './AdapterHealthView';

const emailHours: AdapterHealthReport['apps'][number]['fields'] = [
  {
    field: 'customerEmail',
    hours: [{ hourStart: '2026-03-02T10:00:00.000Z', matched: 9, missed: 1 }],
    recentHitRate: 0.9,
    extractorInUse: 'selector:#email',
    extractors: [{ rule: 'selector:#email', count: 9 }],
    flag: null,
  },
];

function render(apps: AdapterHealthReport['apps']) {
  const report: AdapterHealthReport = {
    from: '2026-02-23T12:00:00.000Z',
    to: '2026-03-02T12:30:00.000Z',
    minGroupSize: 6,
    apps,
  };
  const noop = () => undefined;
  return renderToStaticMarkup(
    <AdapterHealthView
      report={report}
      adapters={{
        version: 0,
        definitions: { overrides: [], custom: [] },
        updatedAt: null,
        updatedBy: null,
      }}
      canPublish={false}
      now={Date.parse('2026-03-02T12:30:00Z')}
      editor={{ text: '', problems: [], message: undefined, busy: false }}
      onEdit={noop}
      onOverride={noop}
      onPublish={noop}
      onRollBack={noop}
    />,
  );
}

describe('the adapter health view says what the minimum group size held back', () => {
  it('states the rule with the team’s minimum', () => {
    expect(render([])).toContain('Hours in which fewer than 6 people read an app are not shown');
  });

  it('gives the share of an app’s records held back beside the hours shown', () => {
    const html = render([
      { app: 'zendesk', records: 10, recordsHeldBack: 0.23, fields: emailHours },
    ]);
    expect(html).toContain(
      '23% of this app’s records held back: read in hours with fewer than 6 people.',
    );
    expect(html).toContain('Hit rate (last 24 hours): 90%');
  });

  it('explains an app of which every hour was held back instead of showing an empty list', () => {
    const html = render([{ app: 'zendesk', records: 0, recordsHeldBack: 1, fields: [] }]);
    expect(html).toContain('Nothing shown: in every hour, fewer than 6 people read this app.');
    expect(html).not.toContain('records held back');
  });

  it('says nothing was held back when nothing was', () => {
    const html = render([{ app: 'zendesk', records: 10, recordsHeldBack: 0, fields: emailHours }]);
    expect(html).not.toContain('held back');
    expect(html).not.toContain('Nothing shown');
  });
});
