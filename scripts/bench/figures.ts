import { mean, meanInterval, median, medianInterval, type Interval } from './stats';

/**
 * A figure held to a limit. A figure measured as a difference carries its interval: the budget is
 * met only when the whole interval is within it, exceeded only when the whole interval is over it,
 * and unresolved when the interval spans it (the loads could not tell; see docs/benchmarks.md).
 */
export type Budget = { name: string; limit: number; value: number; interval?: Interval };

export type Verdict = 'ok' | 'EXCEEDED' | 'UNRESOLVED';

export function verdictOf({ limit, value, interval }: Budget): Verdict {
  if (!interval) return value <= limit ? 'ok' : 'EXCEEDED';
  if (interval.high <= limit) return 'ok';
  return interval.low > limit ? 'EXCEEDED' : 'UNRESOLVED';
}

export function formatNumber(value: number) {
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

export function printFigure(name: string, value: number, unit: string) {
  console.log(`figure ${name} ${formatNumber(value)} ${unit}`);
}

/**
 * Prints a difference measured over paired loads (with minus without, side by side): its median
 * (`'median'`, times and sizes) or mean (`'mean'`, counts per load), then its interval as
 * `<name>_low`, `<name>_high` and `<name>_confidence`.
 */
export function printDifference(
  name: string,
  differences: readonly number[],
  unit: string,
  centre: 'median' | 'mean' = 'median',
) {
  const value = centre === 'median' ? median(differences) : mean(differences);
  const interval = centre === 'median' ? medianInterval(differences) : meanInterval(differences);
  printFigure(name, value, unit);
  printFigure(`${name}_low`, interval.low, unit);
  printFigure(`${name}_high`, interval.high, unit);
  printFigure(`${name}_confidence`, interval.confidence * 100, '%');
  return { value, interval };
}

/** Prints one line per budget; `allMet` is false when any budget is exceeded. */
export function printBudgets(budgets: readonly Budget[]) {
  const unresolved: string[] = [];
  let allMet = true;
  for (const budget of budgets) {
    const verdict = verdictOf(budget);
    allMet &&= verdict !== 'EXCEEDED';
    if (verdict === 'UNRESOLVED') unresolved.push(budget.name);
    const span = budget.interval
      ? ` (${formatNumber(budget.interval.low)} to ${formatNumber(budget.interval.high)})`
      : '';
    console.log(`budget ${budget.name} ${budget.limit} ${verdict}${span}`);
  }
  return { allMet, unresolved };
}
