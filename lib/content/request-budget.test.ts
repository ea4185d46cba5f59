import { describe, expect, it } from 'vitest';
import { createRequestBudget } from './request-budget';

describe('createRequestBudget', () => {
  it('allows the cap within any 60 s and frees each request a minute after it was made', () => {
    const budget = createRequestBudget(3);
    budget.take(0);
    budget.take(1_000);
    expect(budget.allows(1, 2_000)).toBe(true);
    budget.take(2_000);
    expect(budget.allows(1, 30_000)).toBe(false);
    expect(budget.nextFreeAt(1, 30_000)).toBe(60_000);
    expect(budget.nextFreeAt(2, 30_000)).toBe(61_000);
    expect(budget.allows(1, 60_000)).toBe(true);
    expect(budget.allows(2, 60_000)).toBe(false);
    expect(budget.allows(3, 62_000)).toBe(true);
  });

  it('answers now when the requests fit', () => {
    const budget = createRequestBudget(20);
    budget.take(5);
    expect(budget.nextFreeAt(2, 10)).toBe(10);
  });
});
