import { UNPRINTABLE_CLASS } from '../../contract/text';

// The CLI prints stored values that clients chose (an enrolling install's agent id, a
// quarantined event's id and error). A tab in one would shift the columns after it, and an escape
// sequence would drive the admin's terminal, so each cell shows such characters as \u escapes.
const CONTROL = new RegExp(UNPRINTABLE_CLASS, 'gu');

const escapeControl = (char: string) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`;

/** One line of tab-separated cells, each with its control characters made visible. */
export function tabRow(cells: readonly string[]): string {
  return cells.map((cell) => cell.replace(CONTROL, escapeControl)).join('\t');
}
