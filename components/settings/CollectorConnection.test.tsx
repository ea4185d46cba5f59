import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CollectorConnection } from './CollectorConnection';

const NOW = Date.UTC(2026, 11, 7, 10);
type Collector = Parameters<typeof CollectorConnection>[0]['collector'];
const render = (recordHashSecret: Collector['recordHashSecret']) =>
  renderToStaticMarkup(
    <CollectorConnection
      collector={{
        url: 'https://collector.acme.test',
        tokenConfigured: true,
        lastCheck: { checkedAt: NOW - 60_000, outcome: 'unchanged' },
        teamPolicy: {
          team: 'emea-1',
          version: 3,
          fetchedAt: NOW,
          recordHashCheck: 'ab12cd34ef56ab78',
        },
        recordHashSecret,
      }}
      test={undefined}
      testing={false}
      onTest={() => undefined}
      onRefresh={() => undefined}
      originGranted
      onGrantOrigin={() => undefined}
      now={NOW}
    />,
  );

describe('CollectorConnection', () => {
  it('tells the admin, as a problem, that a record-hash secret copied wrong links no CSAT', () => {
    const html = render('differs');
    expect(html).toContain('Record-hash secret');
    expect(html).toMatch(
      /class="problem"[^>]*>not the collector team&#x27;s: no CSAT rating can be linked/,
    );
    expect(html).toContain('collector team show');
  });

  it('says a missing secret is a problem too, and a matching one is not', () => {
    expect(render('notSet')).toMatch(
      /class="problem"[^>]*>not set: interactions carry no record hash/,
    );
    const matches = render('matches');
    expect(matches).toContain('the collector team&#x27;s: CSAT ratings are linked');
    expect(matches).not.toContain('class="problem"');
  });
});
