import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomerCardView } from './CustomerCardView';
import type { CustomerCard } from '@/lib/context/customer-card';

const hostile = '<img src=x onerror=alert(1)>';
const card: CustomerCard = {
  name: { value: hostile, sources: ['zendesk'] },
  emails: [{ value: 'x@example.com', sources: ['zendesk'] }],
  phones: [],
  organisations: [{ value: '<script>steal()</script>', sources: ['salesforce'] }],
  customerIds: [],
  // As buildCustomerCard makes it: every app a value came from, by name.
  seenIn: [
    { app: 'zendesk', appName: 'Zendesk', lastSeenAt: 0 },
    { app: 'salesforce', appName: 'Salesforce', lastSeenAt: 0 },
  ],
  records: [
    {
      key: 'zendesk:ticket:1',
      app: 'zendesk',
      appName: 'Zendesk',
      recordType: 'ticket',
      recordId: '1',
      subject: '"><svg onload=alert(2)>',
      url: 'https://acme.zendesk.com/agent/tickets/1',
      lastSeenAt: 0,
      current: true,
    },
  ],
  links: [],
};

describe('CustomerCardView', () => {
  it('renders hostile customer values as the characters they are, never as markup', () => {
    const html = renderToStaticMarkup(<CustomerCardView card={card} now={0} />);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;steal()&lt;/script&gt;');
    expect(html).not.toMatch(/<img|<script|<svg/);
  });

  it('shows each value with the apps it came from', () => {
    const html = renderToStaticMarkup(<CustomerCardView card={card} now={0} />);
    expect(html).toContain('aria-label="from Salesforce"');
  });

  it('names apps by their names, never by internal id (issue #17)', () => {
    const demo: CustomerCard = {
      ...card,
      phones: [{ value: '+44 20 7946 0001', display: '020 7946 0001', sources: ['demo-crm'] }],
      customerIds: [{ app: 'demo-crm', value: '7', sources: ['demo-crm'] }],
      seenIn: [...card.seenIn, { app: 'demo-crm', appName: 'Demo CRM', lastSeenAt: 0 }],
    };
    const html = renderToStaticMarkup(<CustomerCardView card={demo} now={0} />);
    expect(html).toContain('>Demo CRM</span>');
    expect(html).toContain('Demo CRM id');
    expect(html).not.toContain('demo-crm');
  });
});
