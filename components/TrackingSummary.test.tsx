import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TrackingSummary } from './TrackingSummary';
import type { TrackingView } from '@/lib/messaging/sidebar-port';

const AS_OF = 1_000_000;

const tracking = (
  switchCount: number,
  interactionCount: number,
  live: Partial<NonNullable<TrackingView['interaction']>> = {},
): TrackingView => ({
  enabled: true,
  paused: false,
  interaction: {
    recordKey: 'zendesk:ticket:42',
    app: 'zendesk',
    start: 0,
    handleMs: 12 * 60_000,
    awayMs: 40_000,
    outsideMs: 0,
    switchCount,
    lookups: [],
    asOf: AS_OF,
    growing: null,
    ...live,
  },
  today: { focusMs: 65 * 60_000, switchCount, interactionCount },
});

describe('TrackingSummary', () => {
  it('counts in words with the plural form each number needs', () => {
    const html = renderToStaticMarkup(<TrackingSummary tracking={tracking(2, 1)} now={AS_OF} />);
    expect(html).toContain('This record: 2 switches, 40 sec in other apps, 12 min on it');
    expect(html).toContain('Today: 1 hr 5 min in apps, 2 switches, 1 record handled');
  });

  it('uses the singular for one switch', () => {
    const html = renderToStaticMarkup(<TrackingSummary tracking={tracking(1, 3)} now={AS_OF} />);
    expect(html).toContain('This record: 1 switch,');
    expect(html).toContain('3 records handled');
  });

  it('counts the span in progress on: time on the record ticks after the view was built', () => {
    const view = tracking(0, 0, { handleMs: 24_000, awayMs: 0, growing: { figure: 'handleMs' } });
    expect(renderToStaticMarkup(<TrackingSummary tracking={view} now={AS_OF} />)).toContain(
      '0 sec in other apps, 24 sec on it',
    );
    expect(
      renderToStaticMarkup(<TrackingSummary tracking={view} now={AS_OF + 16_000} />),
    ).toContain('0 sec in other apps, 40 sec on it');
  });

  it('names the apps the customer was looked up in, the one in progress ticking', () => {
    const view = tracking(2, 0, {
      awayMs: 30_000,
      lookups: [{ app: 'demo-crm', appName: 'Demo CRM', ms: 30_000 }],
      growing: { figure: 'awayMs', lookupApp: 'demo-crm' },
    });
    const html = renderToStaticMarkup(<TrackingSummary tracking={view} now={AS_OF + 10_000} />);
    expect(html).toContain('40 sec in other apps');
    expect(html).toContain('Looked up in Demo CRM · 40 sec');
  });

  it('shows no lookup line when there was none, and stops counting while nothing grows', () => {
    const html = renderToStaticMarkup(
      <TrackingSummary tracking={tracking(0, 0)} now={AS_OF + 60_000} />,
    );
    expect(html).not.toContain('Looked up');
    expect(html).toContain('40 sec in other apps, 12 min on it');
  });
});
