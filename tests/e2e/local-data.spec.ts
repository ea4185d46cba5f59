import { readFileSync } from 'node:fs';
import { expect, test } from './extension';

// Issue 6: the agent exports all their local data as JSON and deletes it, seeing first how many
// events were never sent. No collector here, so queued events stay unsent.

test('export all local data as JSON; delete it after a confirmation that counts unsent events', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const queued = await options.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'debug.enqueueSyntheticEvents', payload: { count: 3 } }),
  );
  expect(queued).toMatchObject({ ok: true });

  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export all my local data (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^touchpoint-local-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    database: { outbox: unknown[] };
  };
  expect(exported.database.outbox).toHaveLength(3);

  await options.getByRole('button', { name: 'Delete all my local data…' }).click();
  await expect(options.getByTestId('unsynced-warning')).toHaveText(
    '3 events have not been sent to the collector yet and will be lost.',
  );
  await options.getByRole('button', { name: 'Delete now' }).click();
  await expect(options.getByText('Your local data was deleted.')).toBeVisible();
  await options.getByRole('button', { name: 'Delete all my local data…' }).click();
  await expect(options.getByTestId('unsynced-warning')).toHaveText(
    'No event is waiting to be sent: only the copies in this browser go.',
  );
});
