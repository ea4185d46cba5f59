import { expect, test } from './extension';
import { fixtureHtml, routeCrm, sidebarFrame } from './crm-pages';

test('Zendesk ticket shows its requester in the sidebar', async ({
  context,
  page,
  extensionId,
}) => {
  await routeCrm(
    context,
    'https://acme.zendesk.com',
    { '/agent/tickets/42': fixtureHtml('zendesk', 'ticket-42.html') },
    {
      '/api/v2/tickets/42.json': { ticket: { id: 42, status: 'open', requester_id: 9001 } },
      '/api/v2/users/9001.json': {
        user: { id: 9001, name: 'Ada Lovelace', email: 'ada@example.com' },
      },
    },
  );
  await page.goto('https://acme.zendesk.com/agent/tickets/42');
  const sidebar = await sidebarFrame(page, extensionId);
  await expect(sidebar.getByTestId('customer-name')).toHaveText('Ada Lovelace');
  await expect(sidebar.getByText('ada@example.com')).toBeVisible();
});
