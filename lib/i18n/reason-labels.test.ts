import { describe, expect, it } from 'vitest';
import { EFFORT_REASON } from '../../contract/prompt-settings';
import { reasonLabel } from './reason-labels';

describe('reasonLabel', () => {
  it('names every reason chip in words, the same in the prompt and the report', () => {
    expect(reasonLabel(EFFORT_REASON.tooManyTools)).toBe('Too many tools');
    for (const reason of Object.values(EFFORT_REASON)) {
      expect(reasonLabel(reason)).not.toBe(reason);
    }
  });

  it('shows a reason it does not know (a newer collector’s) as its id', () => {
    expect(reasonLabel('legal-hold')).toBe('legal-hold');
  });
});
