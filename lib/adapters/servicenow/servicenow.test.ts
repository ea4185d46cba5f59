// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { servicenow } from '.';
import { adaptersForUrl, combineAdapters } from '../adapter-set';
import { matchRecordUrl } from '../read-record';
import {
  describeAdapterFixtures,
  extractFixturePage,
  parseFixture,
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

  it('names a form opened by its number by the sys_id the form holds, as when opened by sys_id', async () => {
    const form = readFixtureHtml('servicenow', 'incident-form.html');
    const byNumber = await read(
      'https://acme.service-now.com/incident.do?sysparm_query=number=INC0010042',
      form,
    );
    const bySysId = await read(`https://acme.service-now.com/incident.do?sys_id=${SYS_ID}`, form);
    expect(byNumber).toMatchObject({ recordId: SYS_ID, recordNumber: 'INC0010042' });
    expect(byNumber.recordId).toBe(bySysId.recordId);
  });

  it('sees no record at an address by number until the form holds its sys_id', () => {
    const url = 'https://acme.service-now.com/incident.do?sysparm_query=number%3DINC0010042';
    expect(matchRecordUrl(servicenow, url)).toBeNull();
    const loading = parseFixture('<html><body><form id="incident.do"></form></body></html>');
    expect(matchRecordUrl(servicenow, url, loading)).toBeNull();
    const odd = parseFixture('<input id="sys_uniqueValue" value="-1">');
    expect(matchRecordUrl(servicenow, url, odd)).toBeNull();
  });

  it('recognises the incident in the Service Operations Workspace', async () => {
    const context = await read(
      `https://acme.service-now.com/now/sow/record/incident/${SYS_ID}`,
      '<html><body><sn-workspace-layout></sn-workspace-layout></body></html>',
    );
    expect(context.recordId).toBe(SYS_ID);
  });

  it('recognises the incident in the Agent Workspace and the configurable workspaces', () => {
    // Agent Workspace (SN Utils' slash command, community posts) and the CSM/FSM configurable
    // workspace (/now/cwf/agent/…), with the tab parameters they add.
    for (const path of [
      `/now/workspace/agent/record/incident/${SYS_ID}`,
      `/now/workspace/agent/record/incident/${SYS_ID}/params/selected-tab-index/0`,
      `/now/cwf/agent/record/incident/${SYS_ID}/params/selected-tab-index/0`,
      `/now/sow/record/incident/${SYS_ID}/params/query/active%3Dtrue`,
    ]) {
      expect(matchRecordUrl(servicenow, `https://acme.service-now.com${path}`), path).toMatchObject(
        {
          type: 'incident',
          recordId: SYS_ID,
        },
      );
    }
    // Another table's record in the same workspace is not an incident.
    expect(
      matchRecordUrl(
        servicenow,
        `https://acme.service-now.com/now/workspace/agent/record/sys_ui_page/${SYS_ID}`,
      ),
    ).toBeNull();
  });

  it('reads an instance at its custom URL once the admin names it (adapterHosts)', () => {
    const url = `https://itsm.acme.example/now/cwf/agent/record/incident/${SYS_ID}`;
    const [adapter] = adaptersForUrl(
      combineAdapters([], { servicenow: ['https://itsm.acme.example/*'] }),
      url,
    );
    expect(adapter?.id).toBe('servicenow');
    expect(matchRecordUrl(adapter!, url)).toMatchObject({ type: 'incident', recordId: SYS_ID });
    expect(
      matchRecordUrl(adapter!, `https://itsm.acme.example/incident.do?sys_id=${SYS_ID}`)?.recordId,
    ).toBe(SYS_ID);
  });
});
