import { loadFixtureSpec, readFixtureHtml } from '../fixture-spec';
import { routeCrm, sidebarFrame } from './crm-pages';
import { expect, test } from './extension';

// Acceptance #1 of issue 2: fixture pages served at the CRMs' real addresses show their customer
// in the sidebar. (osTicket is self-hosted: see self-hosted.spec.ts.)
for (const crm of ['zendesk', 'salesforce', 'hubspot', 'freshdesk', 'servicenow']) {
  const spec = loadFixtureSpec(crm);
  const page = spec.pages.find((candidate) => candidate.expect.customerEmail)!;

  test(`${crm}: ${page.file} shows ${page.expect.customerName} in the sidebar`, async ({
    context,
    page: tab,
    extensionId,
  }) => {
    const url = new URL(page.url);
    await routeCrm(
      context,
      url.origin,
      { [url.pathname + url.search]: readFixtureHtml(crm, page.file) },
      spec.api,
    );
    await tab.goto(page.url);
    const sidebar = await sidebarFrame(tab, extensionId);
    await expect(sidebar.getByTestId('customer-name')).toHaveText(page.expect.customerName!);
    await expect(sidebar.getByText(page.expect.customerEmail!.toLowerCase())).toBeVisible();
  });
}
