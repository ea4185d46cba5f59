import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../definition';
import { matchRecordUrl } from '../read-record';
import { hostPatternFor, proposeRecordPattern } from './record-pattern';

/** What an adapter with the proposed pattern reads as the record id from `url`. */
function idRead(pattern: string, url: string) {
  const adapter = defineAdapter({
    id: 'in-house',
    name: 'In-house',
    hosts: ['https://tools.acme.test/*'],
    records: [{ type: 'ticket', url: pattern }],
    fields: { subject: [{ selector: 'h1' }] },
  });
  return matchRecordUrl(adapter, url)?.recordId ?? null;
}

describe('proposeRecordPattern', () => {
  it('takes the last numeric path segment as the id and highlights it', () => {
    const url = 'https://tools.acme.test/app/requests/1042?tab=details';
    const proposal = proposeRecordPattern(url)!;
    expect(proposal).toEqual({
      pattern: '/app/requests/(\\d+)(?:[/?#]|$)',
      recordId: '1042',
      before: 'https://tools.acme.test/app/requests/',
      after: '?tab=details',
    });
    expect(proposal.before + proposal.recordId + proposal.after).toBe(url);
    expect(idRead(proposal.pattern, 'https://tools.acme.test/app/requests/2077')).toBe('2077');
    expect(idRead(proposal.pattern, 'https://tools.acme.test/app/requests/')).toBeNull();
    expect(idRead(proposal.pattern, 'https://tools.acme.test/app/reports/2077')).toBeNull();
  });

  it('lets ids before the record differ between records', () => {
    const { pattern, recordId } = proposeRecordPattern(
      'https://tools.acme.test/accounts/12/tickets/1042/edit',
    )!;
    expect(recordId).toBe('1042');
    expect(idRead(pattern, 'https://tools.acme.test/accounts/99/tickets/7/edit')).toBe('7');
  });

  it('recognises codes and UUIDs as ids', () => {
    expect(proposeRecordPattern('https://crm.acme.test/cases/CAS-01042/view')?.recordId).toBe(
      'CAS-01042',
    );
    const uuid = '3f2a9c1e-0b1d-4c5e-9f8a-7b6c5d4e3f2a';
    const { pattern } = proposeRecordPattern(`https://crm.acme.test/c/${uuid}`)!;
    expect(idRead(pattern, `https://crm.acme.test/c/${uuid}`)).toBe(uuid);
  });

  it('falls back to an id in the query', () => {
    const proposal = proposeRecordPattern(
      'https://help.acme.test/scp/tickets.php?a=edit&id=17#msg',
    )!;
    expect(proposal.recordId).toBe('17');
    expect(proposal.before).toBe('https://help.acme.test/scp/tickets.php?a=edit&id=');
    expect(proposal.after).toBe('#msg');
    expect(idRead(proposal.pattern, 'https://help.acme.test/scp/tickets.php?id=23')).toBe('23');
    expect(idRead(proposal.pattern, 'https://help.acme.test/scp/users.php?id=23')).toBeNull();
  });

  it('proposes nothing for an address that names no record', () => {
    expect(proposeRecordPattern('https://tools.acme.test/app/requests')).toBeNull();
    expect(proposeRecordPattern('not an address')).toBeNull();
  });

  it('covers the whole origin with the host pattern', () => {
    expect(hostPatternFor('http://127.0.0.1:5301/tickets/1')).toBe('http://127.0.0.1:5301/*');
  });
});
