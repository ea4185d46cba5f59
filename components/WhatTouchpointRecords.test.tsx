import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WhatTouchpointRecords, type RecordLabels } from './WhatTouchpointRecords';
import type { StoredInteraction, StoredPrompt, StoredSpan } from '@/lib/storage/db';

const NOW = Date.UTC(2026, 11, 6, 10);
const INCIDENT = 'servicenow:incident:9d385017c611228701d22104cc95c371';

function selfView(labels?: RecordLabels) {
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
    prompts: [
      { id: 'p1', recordKey: INCIDENT, state: 'answered', score: 4, createdAt: NOW },
    ] as unknown as StoredPrompt[],
    ...(labels && { labels }),
  };
  const appName = (id: string) => (id === 'servicenow' ? 'ServiceNow' : id);
  return renderToStaticMarkup(
    <WhatTouchpointRecords records={records} onSetPaused={() => {}} appName={appName} />,
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
});
