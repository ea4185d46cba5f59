// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { dynamics365 } from '.';
import { matchRecordUrl } from '../read-record';
import {
  describeAdapterFixtures,
  extractFixturePage,
  readFixtureHtml,
} from '../../../tests/adapter-fixtures';

describeAdapterFixtures(dynamics365);

const ORG = 'https://acme.crm4.dynamics.com/main.aspx';
const CASE_ID = '5a8b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';

describe('Dynamics 365 records', () => {
  it('reads entity and id whatever the order of the query parameters', () => {
    expect(
      matchRecordUrl(dynamics365, `${ORG}?id=${CASE_ID}&etn=incident&pagetype=entityrecord`),
    ).toMatchObject({ type: 'case', recordId: CASE_ID });
    expect(
      matchRecordUrl(dynamics365, `${ORG}?etn=account&pagetype=entityrecord&id=%7B${CASE_ID}%7D`),
    ).toMatchObject({ type: 'account', recordId: CASE_ID });
  });

  it('does not mistake a related table or a new, unsaved record for a case', () => {
    expect(matchRecordUrl(dynamics365, `${ORG}?etn=incidentresolution&id=${CASE_ID}`)).toBeNull();
    expect(matchRecordUrl(dynamics365, `${ORG}?pagetype=entityrecord&etn=incident`)).toBeNull();
  });

  it('names the case customer from the Customer lookup, not the case title in the header', async () => {
    const result = await extractFixturePage(
      dynamics365,
      `${ORG}?pagetype=entityrecord&etn=incident&id=${CASE_ID}`,
      readFixtureHtml('dynamics365', 'case.html'),
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.customerName).toBe('Hannah Schmidt');
    expect(result.context.customerName).not.toBe('Cold-chain sensor offline');
  });
});
