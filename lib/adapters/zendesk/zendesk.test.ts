// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { zendesk } from '.';
import {
  describeAdapterFixtures,
  extractFixturePage,
  readFixtureHtml,
} from '../../../tests/adapter-fixtures';

describeAdapterFixtures(zendesk);

describe('Zendesk panes', () => {
  it('reads the active pane, not the first one in the DOM', async () => {
    const result = await extractFixturePage(
      zendesk,
      'https://acme.zendesk.com/agent/tickets/42',
      readFixtureHtml('zendesk', 'ticket-42.html'),
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.subject).toBe('Order arrived damaged');
    expect(result.context.matchedBy.scope).toContain('data-is-active');
  });

  it('keeps the page values and notes the failure when the API refuses', async () => {
    const result = await extractFixturePage(
      zendesk,
      'https://acme.zendesk.com/agent/tickets/42',
      readFixtureHtml('zendesk', 'ticket-42.html'),
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.customerName).toBe('Ada Lovelace');
    expect(result.context.customerEmail).toBeUndefined();
    expect(result.context.matchedBy.api).toMatch(/failed \/api\/v2\/tickets\/42\.json/);
  });
});
