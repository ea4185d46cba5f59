function sorted(values: readonly number[]) {
  if (values.length === 0) throw new Error('no values');
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]) {
  const ordered = sorted(values);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1
    ? ordered[middle]!
    : (ordered[middle - 1]! + ordered[middle]!) / 2;
}

/** Nearest-rank percentile: with 12 runs p95 is the slowest run, with 20 the slowest but one. */
export function percentile(values: readonly number[], p: number) {
  const ordered = sorted(values);
  return ordered[Math.min(ordered.length - 1, Math.ceil((p / 100) * ordered.length) - 1)]!;
}

export function sum(values: readonly number[]) {
  return values.reduce((total, value) => total + value, 0);
}
