import { describe, expect, it } from 'vitest';
import { tabRow } from './tab-row';

describe('tabRow', () => {
  it('joins plain cells with tabs, unchanged', () => {
    expect(tabRow(['inst-1', 'identified', 'Zoë Müller'])).toBe('inst-1\tidentified\tZoë Müller');
  });

  it('shows a tab, a line break and an escape sequence inside a cell as \\u escapes', () => {
    const line = tabRow(['inst-1', 'alice\tactive\n\u001b[2Jbob']);
    expect(line).toBe('inst-1\talice\\u0009active\\u000a\\u001b[2Jbob');
    expect(line.split('\t')).toHaveLength(2);
  });

  it('shows a text direction override, which would print a name reversed', () => {
    expect(tabRow(['\u202Eecila'])).toBe('\\u202eecila');
  });
});
