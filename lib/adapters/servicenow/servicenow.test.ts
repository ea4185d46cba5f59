// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { servicenow } from '.';
import {
  describeAdapterFixtures,
  extractFixturePage,
  readFixtureHtml,
} from '../../../tests/adapter-fixtures';

describeAdapterFixtures(servicenow);

const SYS_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

async function read(url: string, html: string) {
  const result = await extractFixturePage(servicenow, url, html, {});
  if (!result.ok) throw new Error(result.reason);
  return result.context;
}

describe('ServiceNow incidents', () => {
  it('shows the state label, not its stored number', async () => {
    const context = await read(
      `https://acme.service-now.com/incident.do?sys_id=${SYS_ID}`,
      readFixtureHtml('servicenow', 'incident-form.html'),
    );
    expect(context.status).toBe('In Progress');
    expect(context.status).not.toBe('2');
  });

  it('recognises the incident under nav_to.do from the address while its frame cannot be read', async () => {
    const frameset = '<html><body><iframe id="gsft_main" name="gsft_main"></iframe></body></html>';
    const context = await read(
      `https://acme.service-now.com/nav_to.do?uri=%2Fincident.do%3Fsys_id%3D${SYS_ID}%26sysparm_view%3D`,
      frameset,
    );
    expect(context).toMatchObject({ recordType: 'incident', recordId: SYS_ID });
    expect(context.customerName).toBeUndefined();
  });

  it('recognises the incident in the Service Operations Workspace', async () => {
    const context = await read(
      `https://acme.service-now.com/now/sow/record/incident/${SYS_ID}`,
      '<html><body><sn-workspace-layout></sn-workspace-layout></body></html>',
    );
    expect(context.recordId).toBe(SYS_ID);
  });
});
