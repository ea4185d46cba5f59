export type Budget = { name: string; limit: number; value: number };

export function formatNumber(value: number) {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}

export function printFigure(name: string, value: number, unit: string) {
  console.log(`figure ${name} ${formatNumber(value)} ${unit}`);
}

/** Prints one line per budget; true when every budget is met. */
export function printBudgets(budgets: readonly Budget[]) {
  let allMet = true;
  for (const { name, limit, value } of budgets) {
    const met = value <= limit;
    allMet &&= met;
    console.log(`budget ${name} ${limit} ${met ? 'ok' : 'EXCEEDED'}`);
  }
  return allMet;
}
