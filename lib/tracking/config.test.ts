import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_CONFIG, endReasonOf } from './config';
import type { RecordSeenEvent } from './events';

const seen = (status: string): RecordSeenEvent => ({
  type: 'record.seen',
  tabId: 1,
  recordKey: 'servicenow:incident:1',
  app: 'servicenow',
  status,
});

describe('endReasonOf: a closed status as the CRM shows it', () => {
  it.each(['Solved', 'Resolved', 'Gelöst', 'Geschlossen', 'Résolu', 'Resuelto', 'Chiuso'])(
    '%s ends the interaction as closed',
    (status) => {
      expect(endReasonOf(seen(status), DEFAULT_TRACKER_CONFIG)).toBe('closed');
    },
  );

  it.each([
    'Closed - Resolved',
    'Closed – No response',
    'Resolved (duplicate)',
    'Geschlossen: kein Feedback',
    'Solved/Closed',
  ])('%s, a closed value an org named itself, ends it as closed', (status) => {
    expect(endReasonOf(seen(status), DEFAULT_TRACKER_CONFIG)).toBe('closed');
  });

  it.each([
    'Open',
    'In Bearbeitung',
    'En cours',
    'Pending',
    'Not resolved',
    'Reopened',
    'Waiting - closed soon',
    '-',
  ])('%s does not', (status) => {
    expect(endReasonOf(seen(status), DEFAULT_TRACKER_CONFIG)).toBeNull();
  });
});
