import { loadFixtureSpec, readFixtureHtml } from '../fixture-spec';
import { routeCrm, sidebarFrame } from './crm-pages';
import { expect, test } from './extension';

// Acceptance #2 of issue 2: a customer seen in Salesforce and then in Zendesk is one card, and
// what came from Salesforce never reaches the Zendesk page.
test('a customer seen in Salesforce then Zendesk is one card whose phone the Zendesk page cannot read', async ({
  context,
  page,
  extensionId,
}) => {
  const salesforce = loadFixtureSpec('salesforce').pages.find(
    (p) => p.file === 'contact-003.html',
  )!;
  const salesforceUrl = new URL(salesforce.url);
  await routeCrm(context, salesforceUrl.origin, {
    [salesforceUrl.pathname]: readFixtureHtml('salesforce', salesforce.file),
  });
  const zendesk = loadFixtureSpec('zendesk');
  await routeCrm(
    context,
    'https://acme.zendesk.com',
    { '/agent/tickets/42': readFixtureHtml('zendesk', 'ticket-42.html') },
    zendesk.api,
  );

  await page.goto(salesforce.url);
  await expect((await sidebarFrame(page, extensionId)).getByText('(415) 555-0100')).toBeVisible();

  const zendeskTab = await context.newPage();
  await zendeskTab.goto('https://acme.zendesk.com/agent/tickets/42');
  const card = await sidebarFrame(zendeskTab, extensionId);
  await expect(card.getByTestId('customer-name')).toHaveText('Ada Lovelace');
  const phone = card.locator('.field', { hasText: 'Phone' });
  await expect(phone).toContainText('(415) 555-0100');
  // The source by its name, not its id (issue #17).
  await expect(phone).toContainText('Salesforce');
  await expect(card.getByRole('region', { name: 'Seen in' })).toContainText('Zendesk');
  await expect(card.getByRole('region', { name: 'Seen in' })).toContainText('Salesforce');
  await expect(card.getByText('Analytical Engines Ltd')).toBeVisible();

  // Everything a script of the Zendesk page can reach: its DOM, open shadow roots, frames.
  const reachable = await zendeskTab.evaluate(() => {
    const texts: string[] = [document.documentElement.outerHTML, document.title];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (element.shadowRoot) {
          texts.push(element.shadowRoot.innerHTML);
          visit(element.shadowRoot);
        }
      }
    };
    visit(document);
    const host = document.querySelector('touchpoint-sidebar');
    const frames: string[] = [];
    for (let i = 0; i < window.frames.length; i++) {
      try {
        frames.push(window.frames[i]!.document.documentElement.outerHTML);
      } catch (error) {
        frames.push(`blocked: ${(error as Error).name}`);
      }
    }
    return {
      text: texts.join('\n'),
      hostShadowRoot: host ? host.shadowRoot : 'no host',
      iframesInDom: document.querySelectorAll('iframe').length,
      frames,
    };
  });
  for (const secret of ['4155550100', '415 555 0100', 'Analytical Engines']) {
    expect(reachable.text).not.toContain(secret);
  }
  expect(reachable.hostShadowRoot).toBeNull();
  expect(reachable.iframesInDom).toBe(0);
  // Frames in a closed shadow tree are not even listed in window.frames; any that were would be
  // cross-origin and refuse access.
  expect(reachable.frames.filter((frame) => !frame.startsWith('blocked:'))).toEqual([]);
});

// An outsourcer's agent works two clients' Zendesk accounts, each with its own ticket 42: one
// account's customer never appears on the other's ticket.
test('ticket 42 of two Zendesk accounts are two records: the second shows none of the first’s customer', async ({
  context,
  page,
  extensionId,
}) => {
  const ticketHtml = readFixtureHtml('zendesk', 'ticket-42.html');
  await routeCrm(
    context,
    'https://acme.zendesk.com',
    { '/agent/tickets/42': ticketHtml },
    loadFixtureSpec('zendesk').api,
  );
  // Globex's ticket 42 has another requester, and its API does not answer this session.
  await routeCrm(context, 'https://globex.zendesk.com', {
    '/agent/tickets/42': ticketHtml
      .replace('Ada Lovelace', 'Hank Scorpio')
      .replaceAll('Order arrived damaged', 'Invoice missing'),
  });

  await page.goto('https://acme.zendesk.com/agent/tickets/42');
  const acmeCard = await sidebarFrame(page, extensionId);
  await expect(acmeCard.getByText('ada@example.com')).toBeVisible();

  const globexTab = await context.newPage();
  await globexTab.goto('https://globex.zendesk.com/agent/tickets/42');
  const globexCard = await sidebarFrame(globexTab, extensionId);
  await expect(globexCard.getByTestId('customer-name')).toHaveText('Hank Scorpio');
  await expect(globexCard.getByText('Invoice missing')).toBeVisible();
  await expect(globexCard.getByText('ada@example.com')).toHaveCount(0);
  await expect(globexCard.getByText('Order arrived damaged')).toHaveCount(0);
});
