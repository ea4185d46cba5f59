import { describe, expect, it } from 'vitest';
import { figuresAt, type TickingFigures } from './ticking';

const view: TickingFigures = {
  handleMs: 24_000,
  awayMs: 10_000,
  outsideMs: 5_000,
  lookups: [{ app: 'demo-crm', ms: 10_000 }],
  asOf: 100_000,
  growing: { figure: 'handleMs' },
};

describe('figuresAt', () => {
  it('adds the time since the view to the figure that grows, and only to it', () => {
    expect(figuresAt(view, 116_000)).toMatchObject({
      handleMs: 40_000,
      awayMs: 10_000,
      outsideMs: 5_000,
    });
    expect(figuresAt({ ...view, growing: { figure: 'outsideMs' } }, 103_000).outsideMs).toBe(8_000);
  });

  it('lets a lookup in progress grow with the time away', () => {
    const looking = { ...view, growing: { figure: 'awayMs' as const, lookupApp: 'demo-crm' } };
    expect(figuresAt(looking, 130_000)).toMatchObject({
      awayMs: 40_000,
      lookups: [{ app: 'demo-crm', ms: 40_000 }],
    });
  });

  it('adds nothing while idle or paused, or with a clock behind the view', () => {
    expect(figuresAt({ ...view, growing: null }, 500_000)).toMatchObject({ handleMs: 24_000 });
    expect(figuresAt(view, 90_000)).toMatchObject({ handleMs: 24_000 });
  });
});
