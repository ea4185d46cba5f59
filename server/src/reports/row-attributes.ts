import type { ReportColumns } from './report-columns';
import type { KeptRows } from './suppression';

// What a walk over a measure's sorted values needs to know of each row: its cell (suppression.ts)
// and its CSAT (0: none, 1–5), packed as cell · 8 + csat. radix-sort.ts carries it along with the
// values, and small tables indexed by it give the row's week, agent or y group: looking these up
// by row, in the random order of the values, took longer than the sort (issue #7, acceptance 5).

const CSAT_BITS = 3;

/** The attribute of every row of `kept.work` (the others are 0). */
export function rowAttributes(columns: ReportColumns, kept: KeptRows): Uint32Array {
  const attributes = new Uint32Array(columns.length);
  const { csat } = columns;
  const { work, cell } = kept;
  let largest = 0;
  for (let j = 0; j < work.length; j++) {
    const i = work[j]!;
    attributes[i] = (cell[i]! << CSAT_BITS) | csat[i]!;
    largest = Math.max(largest, csat[i]!);
  }
  if (largest >= 2 ** CSAT_BITS) throw new Error(`CSAT out of range: ${largest}`);
  return attributes;
}

/** The cell of an attribute. */
export const cellOfAttribute = (attribute: number) => attribute >>> CSAT_BITS;

/** A table from every attribute of `kept`'s cells to `f(cell, csat)`. */
export function attributeTable(
  kept: KeptRows,
  f: (cell: number, csat: number) => number,
): Int32Array {
  const table = new Int32Array(kept.keptIn.length << CSAT_BITS);
  for (let attribute = 0; attribute < table.length; attribute++) {
    table[attribute] = f(attribute >>> CSAT_BITS, attribute & (2 ** CSAT_BITS - 1));
  }
  return table;
}
