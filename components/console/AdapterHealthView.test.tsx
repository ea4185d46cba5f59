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

describe('the adapter health view and the minimum group size', () => {
  it('states the rule with the team’s minimum', () => {
    const html = render([{ app: 'zendesk', records: 10, fields: emailHours }]);
    expect(html).toContain('Hours in which fewer than 6 people read an app are not shown');
    expect(html).toContain('Hit rate (last 24 hours): 90%');
  });

  it('says why there is nothing to show when no hour had enough people', () => {
    expect(render([])).toContain(
      'Nothing to show yet: no hour of the period has readings from at least 6 people.',
    );
  });
});
