import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatTime } from '@/lib/i18n';
import type { SyncStatus } from '@/lib/sync/sync-state';
import { DeadLetterList } from './DeadLetterList';
import { SyncStatusView } from './SyncStatusView';

const NOW = Date.UTC(2026, 10, 2, 13, 0, 0);
const status = (change: Partial<SyncStatus> = {}): SyncStatus => ({
  configured: true,
  identityMode: 'pseudonymous',
  pending: 12,
  deadLetters: 0,
  syncedCount: 300,
  lastSuccessAt: NOW - 5 * 60_000,
  lastError: null,
  nextAttemptAt: null,
  blocked: false,
  running: false,
  storagePersisted: true,
  ...change,
});
const render = (value: SyncStatus) =>
  renderToStaticMarkup(
    <SyncStatusView status={value} now={NOW} busy={false} onSyncNow={() => undefined} />,
  );

describe('SyncStatusView', () => {
  it('shows what waits and when events last went, with a Sync now button', () => {
    const html = render(status());
    expect(html).toContain('12 events waiting to be sent');
    expect(html).toContain('Last sent 5 minutes ago');
    expect(html).toContain('Sync now');
    expect(html).toContain('a random id that does not name you');
  });

  it('says when the collector is not reachable and when it tries again', () => {
    const retryAt = NOW + 5 * 60_000;
    const html = render(
      status({ lastError: { kind: 'network', status: null, at: NOW }, nextAttemptAt: retryAt }),
    );
    expect(html).toContain(`Collector not reachable — will retry at ${formatTime(retryAt)}`);
  });

  it('says "not authorised" and offers no Sync now while the token is refused', () => {
    const html = render(
      status({ blocked: true, lastError: { kind: 'unauthorised', status: 401, at: NOW } }),
    );
    expect(html).toContain('Not authorised: the collector refused the token. Ask your admin.');
    expect(html).not.toContain('Sync now');
  });

  it('says "not configured" without a collector', () => {
    const html = render(status({ configured: false, lastSuccessAt: null }));
    expect(html).toContain('Not configured');
    expect(html).toContain('Nothing has been sent yet.');
  });
});

describe('DeadLetterList', () => {
  it('lists refused events with their type, reason, Retry and Delete', () => {
    const html = renderToStaticMarkup(
      <DeadLetterList
        letters={[
          {
            id: 'e1',
            event: {
              id: 'e1',
              type: 'app.hourly',
              occurredAt: NOW,
              schemaVersion: 1,
              payload: { hourStart: NOW - 3_600_000, app: 'zendesk', ms: 1 },
            },
            reason: 'occurredAt: older than 90 days',
            failedAt: NOW,
            attempts: 1,
          },
        ]}
        onRetry={() => undefined}
        onDelete={() => undefined}
      />,
    );
    expect(html).toContain('app.hourly');
    expect(html).toContain('occurredAt: older than 90 days');
    expect(html).toContain('Retry');
    expect(html).toContain('Delete');
  });
});
