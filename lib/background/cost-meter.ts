/** Keeps the last `capacity` durations (ms) of some work, to report its median and p95. */
export function createCostMeter(capacity = 2000) {
  const samples: number[] = [];
  let next = 0;
  return {
    add(ms: number) {
      if (samples.length < capacity) samples.push(ms);
      else samples[next] = ms;
      next = (next + 1) % capacity;
    },
    summary() {
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (q: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return { count: sorted.length, medianMs: at(0.5), p95Ms: at(0.95) };
    },
  };
}
