import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TrackingSummary } from './TrackingSummary';
import type { TrackingView } from '@/lib/messaging/protocol';

const tracking = (switchCount: number, interactionCount: number): TrackingView => ({
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
  },
  today: { focusMs: 65 * 60_000, switchCount, interactionCount },
});

describe('TrackingSummary', () => {
  it('counts in words with the plural form each number needs', () => {
    const html = renderToStaticMarkup(<TrackingSummary tracking={tracking(2, 1)} />);
    expect(html).toContain('This record: 2 switches, 40 sec in other apps, 12 min on it');
    expect(html).toContain('Today: 1 hr 5 min in apps, 2 switches, 1 record handled');
  });

  it('uses the singular for one switch', () => {
    const html = renderToStaticMarkup(<TrackingSummary tracking={tracking(1, 3)} />);
    expect(html).toContain('This record: 1 switch,');
    expect(html).toContain('3 records handled');
  });
});
