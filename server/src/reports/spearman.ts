// Spearman's rank correlation with average ranks for ties (issue #7): the between-agent picture
// (within-agent.ts) and the tests' team-wide reference. The report's own association is within
// agent (within-agent.ts) and needs no global ranks.

/** 1-based ranks; tied values share the average of the ranks they span. */
export function rankAverage(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const average = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]!] = average;
    start = end;
  }
  return ranks;
}

/** Spearman's ρ of paired values: Pearson's r of average ranks; NaN when undefined. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`x has ${x.length} values, y has ${y.length}`);
  const n = x.length;
  if (n < 2) return NaN;
  const rx = rankAverage(x);
  const ry = rankAverage(y);
  const mean = (n + 1) / 2;
  let cov = 0;
  let varX = 0;
  let varY = 0;
  for (let i = 0; i < n; i++) {
    cov += (rx[i]! - mean) * (ry[i]! - mean);
    varX += (rx[i]! - mean) ** 2;
    varY += (ry[i]! - mean) ** 2;
  }
  if (varX === 0 || varY === 0) return NaN;
  return cov / Math.sqrt(varX * varY);
}
