// Sorting a measure's values with their rows (issue #7, acceptance 5: a report over a million
// interactions). The measures are integers (counts, milliseconds, 1–7 scores), so a stable LSD
// radix sort orders them in a few linear passes, where a comparison sort of a million values
// takes several times longer. Other values are ranked by a comparison sort first.

/**
 * Values in ascending order, each with the row it came from and that row's attribute (whatever
 * the caller needs to know of a row while walking the values, without looking it up in random
 * order); equal values keep their rows' order.
 */
export type SortedValues = { values: Float64Array; rows: Int32Array; attributes: Uint32Array };

/**
 * Stable LSD radix sort of `keys` (each ≤ `max` < 2³²), carrying `payload` and `attributes`
 * along: they are moved with the keys rather than looked up afterwards, because reads in random
 * order cost more than the sort.
 */
export function radixSort(
  keys: Uint32Array,
  max: number,
  payload: Uint32Array,
  attributes: Uint32Array = payload,
): { keys: Uint32Array; payload: Uint32Array; attributes: Uint32Array } {
  const n = keys.length;
  const carryAttributes = attributes !== payload;
  let bits = 1;
  while (2 ** bits <= max) bits++;
  // Digits of up to 12 bits: 4,096 buckets still fit the cache as write streams, and the
  // milliseconds of a day (27 bits) take 3 passes.
  const passes = Math.ceil(bits / 12);
  const digitBits = Math.ceil(bits / passes);
  const mask = (1 << digitBits) - 1;
  // All digits' counts in one read of the keys.
  const counts = new Int32Array(passes << digitBits);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    for (let pass = 0; pass < passes; pass++) {
      counts[(pass << digitBits) + ((key >>> (pass * digitBits)) & mask)]!++;
    }
  }
  let nextKeys: Uint32Array = new Uint32Array(n);
  let nextPayload: Uint32Array = new Uint32Array(n);
  let nextAttributes: Uint32Array = carryAttributes ? new Uint32Array(n) : nextPayload;
  for (let pass = 0; pass < passes; pass++) {
    const shift = pass * digitBits;
    // Counts to starting places.
    const start = counts.subarray(pass << digitBits, (pass + 1) << digitBits);
    let total = 0;
    for (let d = 0; d < start.length; d++) {
      const count = start[d]!;
      start[d] = total;
      total += count;
    }
    if (carryAttributes) {
      for (let i = 0; i < n; i++) {
        const key = keys[i]!;
        const at = start[(key >>> shift) & mask]!++;
        nextKeys[at] = key;
        nextPayload[at] = payload[i]!;
        nextAttributes[at] = attributes[i]!;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const key = keys[i]!;
        const at = start[(key >>> shift) & mask]!++;
        nextKeys[at] = key;
        nextPayload[at] = payload[i]!;
      }
    }
    [keys, nextKeys] = [nextKeys, keys];
    [payload, nextPayload] = [nextPayload, payload];
    [attributes, nextAttributes] = [nextAttributes, attributes];
  }
  return { keys, payload, attributes: carryAttributes ? attributes : payload };
}

/**
 * Unsigned integer keys in the order of `values`, equal keys for equal values: v − min for integers
 * spanning less than 2³², otherwise the rank among the distinct values (a comparison sort).
 * `valueOf` turns a key back into its value.
 */
export function sortKeys(values: ArrayLike<number>): {
  keys: Uint32Array;
  max: number;
  valueOf: (key: number) => number;
} {
  const n = values.length;
  const keys = new Uint32Array(n);
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    if (value < min) min = value;
    if (value > max) max = value;
    if (integers && !Number.isInteger(value)) integers = false;
  }
  if (n === 0) return { keys, max: 0, valueOf: (key) => key };
  if (
    integers &&
    max - min < 2 ** 32 &&
    -min <= Number.MAX_SAFE_INTEGER &&
    max <= Number.MAX_SAFE_INTEGER
  ) {
    for (let i = 0; i < n; i++) keys[i] = values[i]! - min;
    return { keys, max: max - min, valueOf: (key) => key + min };
  }
  const distinct: number[] = [];
  const sorted = Float64Array.from(values).sort();
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  for (let i = 0; i < n; i++) {
    let low = 0;
    let high = distinct.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (distinct[mid]! < values[i]!) low = mid + 1;
      else high = mid;
    }
    keys[i] = low;
  }
  return { keys, max: distinct.length - 1, valueOf: (key) => distinct[key]! };
}

/**
 * `column[row]` for each of `rows`, sorted, with `attributes[row]`; equal values keep the order
 * they have in `rows`.
 */
export function sortRows(
  column: ArrayLike<number>,
  rows: ArrayLike<number>,
  attributes: ArrayLike<number>,
): SortedValues {
  const n = rows.length;
  const picked = new Float64Array(n);
  const pickedRows = new Uint32Array(n);
  const pickedAttributes = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const row = rows[j]!;
    picked[j] = column[row]!;
    pickedRows[j] = row;
    pickedAttributes[j] = attributes[row]!;
  }
  const { keys, max, valueOf } = sortKeys(picked);
  const sorted = radixSort(keys, max, pickedRows, pickedAttributes);
  const values = new Float64Array(n);
  for (let j = 0; j < n; j++) values[j] = valueOf(sorted.keys[j]!);
  return {
    values,
    rows: new Int32Array(sorted.payload.buffer, sorted.payload.byteOffset, n),
    attributes: sorted.attributes,
  };
}

/**
 * Row numbers bucketed by an integer key below `keyCount` (a counting sort, linear in rows and
 * keys): the rows of key k are `rows[first[k]]` up to `rows[first[k + 1] - 1]`, in the order
 * `visit` emitted them. `visit` runs twice, to count and to place, and must emit the same pairs.
 */
export function bucketRows(
  keyCount: number,
  visit: (emit: (key: number, row: number) => void) => void,
): { first: Int32Array; rows: Int32Array } {
  const first = new Int32Array(keyCount + 1);
  visit((key) => {
    first[key + 1]!++;
  });
  for (let key = 0; key < keyCount; key++) first[key + 1]! += first[key]!;
  const rows = new Int32Array(first[keyCount]!);
  const next = first.slice(0, keyCount);
  visit((key, row) => {
    rows[next[key]!++] = row;
  });
  return { first, rows };
}
