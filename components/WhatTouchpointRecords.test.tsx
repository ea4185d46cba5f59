import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WhatTouchpointRecords, type RecordLabels } from './WhatTouchpointRecords';
import type { StoredInteraction, StoredPrompt, StoredSpan } from '@/lib/storage/db';
import type { OutboxEvent } from '@/contract/events';
import { formatTime } from '@/lib/i18n';

const NOW = Date.UTC(2026, 11, 6, 10);
const INCIDENT = 'servicenow:incident:9d385017c611228701d22104cc95c371';

function selfView(
  labels?: RecordLabels,
  { prompts, sent }: { prompts?: StoredPrompt[]; sent?: OutboxEvent[] } = {},
) {
  const records = {
    spans: [
      {
        id: 1,
        type: 'focus',
        app: 'servicenow',
        recordKey: INCIDENT,
        start: NOW - 60_000,
        end: NOW,
      },
    ] as unknown as StoredSpan[],
    switches: [],
    interactions: [
      { id: 1, recordKey: INCIDENT, handleMs: 60_000, switchCount: 2, awayMs: 5_000, end: NOW },
    ] as unknown as StoredInteraction[],
    prompts:
      prompts ??
      ([
        { id: 'p1', recordKey: INCIDENT, state: 'answered', score: 4, createdAt: NOW },
      ] as unknown as StoredPrompt[]),
    ...(labels && { labels }),
  };
  const appName = (id: string) => (id === 'servicenow' ? 'ServiceNow' : id);
  return renderToStaticMarkup(
    <WhatTouchpointRecords
      records={records}
      sentToday={sent}
      onSetPaused={() => {}}
      appName={appName}
    />,
  );
}

describe('What Touchpoint records (the agent’s own view)', () => {
  it('names a record by the number and subject the page showed, never its internal id', () => {
    const html = selfView({
      [INCIDENT]: { recordNumber: 'INC0010042', subject: 'VPN drops every hour' },
    });
    expect(html).toContain('ServiceNow (INC0010042)');
    expect(html).toContain('ServiceNow INC0010042 · VPN drops every hour: answered 4');
    expect(html).not.toContain('9d385017');
  });

  it('falls back to the id when the browser no longer keeps what the page showed', () => {
    expect(selfView()).toContain(
      'ServiceNow incident 9d385017c611228701d22104cc95c371: answered 4',
    );
  });

  it('names every kind of data that is sent, not only summaries and hourly totals', () => {
    const text = selfView();
    for (const kind of [
      'a summary per record you handle',
      'your time per app and hour',
      'your effort answers with their reasons, when you were asked and how long you took',
      'the customer rating (CSAT) a record page shows',
      'how many records were read per app and hour',
      'how many events were lost when storage was full',
    ]) {
      expect(text).toContain(kind);
    }
  });

  it('shows an answer with the reasons and timing sent with it, not the score alone', () => {
    const html = selfView(undefined, {
      prompts: [
        {
          id: 'p1',
          recordKey: INCIDENT,
          state: 'answered',
          score: 2,
          reasons: ['too-many-tools', 'slow-system'],
          shownAt: NOW - 60_000,
          answeredAt: NOW - 48_000,
          createdAt: NOW - 60_000,
        },
        {
          id: 'p2',
          recordKey: INCIDENT,
          state: 'dismissed',
          shownAt: NOW - 30_000,
          createdAt: NOW - 30_000,
        },
      ] as unknown as StoredPrompt[],
    });
    expect(html).toContain(
      `: answered 2 · reasons: Too many tools, Slow system · asked at ${formatTime(NOW - 60_000)}, answered after 12 sec`,
    );
    expect(html).toContain(`: closed without an answer · asked at ${formatTime(NOW - 30_000)}`);
  });

  it('lists the customer ratings, adapter counts and drop reports queued today', () => {
    const event = (type: OutboxEvent['type'], payload: unknown, occurredAt = NOW) =>
      ({ id: `${type}-id`, type, occurredAt, schemaVersion: 1, payload }) as OutboxEvent;
    const html = selfView(undefined, {
      sent: [
        event('cx.observed', {
          app: 'servicenow',
          recordType: 'incident',
          recordHash: 'b'.repeat(64),
          csat: 2,
        }),
        event('adapter.health', {
          hourStart: NOW - 3_600_000,
          app: 'servicenow',
          records: 12,
          fields: { subject: { matched: 11, missed: 1, extractors: { api: 11 } } },
        }),
        event('events.dropped', {
          count: 5,
          reason: 'quota',
          byType: { segment: 5 },
          oldestOccurredAt: NOW - 60_000,
          newestOccurredAt: NOW,
        }),
        event('app.hourly', { hourStart: NOW - 3_600_000, app: 'servicenow', ms: 60_000 }),
      ],
    });
    expect(html).toContain(`${formatTime(NOW)} · ServiceNow incident: customer rating 2 of 5`);
    expect(html).toContain(
      `${formatTime(NOW - 3_600_000)}–${formatTime(NOW)} · ServiceNow · records read: 12`,
    );
    expect(html).toContain(`${formatTime(NOW)} · events lost when storage was full: 5`);
    expect(html).not.toContain('b'.repeat(64));
  });
});
