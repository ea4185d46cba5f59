import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../contract/seeded-random';
import type { SpearmanEstimate } from './bootstrap';
import {
  MEASURES,
  MIN_PAIRS,
  readCorrelation,
  renderReadingEn,
  STRENGTH_FLOORS,
  strengthOf,
  type Strength,
} from './reading';

const estimate = (
  n: number,
  rho: number | null,
  low?: number,
  high?: number,
): SpearmanEstimate => ({
  n,
  rho,
  ci: low === undefined || high === undefined ? null : { low, high },
  confidence: 0.95,
  resamples: 1000,
});

describe('readCorrelation and renderReadingEn', () => {
  it('states a direction when the interval excludes 0, with the figures', () => {
    const reading = readCorrelation(estimate(4812, -0.31, -0.35, -0.27));
    expect(reading).toMatchObject({ kind: 'association', direction: 'negative', strength: 'weak' });
    expect(renderReadingEn(reading, 'switches')).toBe(
      'Interactions with more switches tend to have lower CSAT, a weak association at least ' +
        '(ρ = −0.31, 95% CI −0.35 to −0.27, n = 4,812).',
    );
  });

  it('calls the association moderate only when the bound nearest 0 is at least 0.3', () => {
    expect(readCorrelation(estimate(900, 0.42, 0.31, 0.52))).toMatchObject({
      strength: 'moderate',
      direction: 'positive',
    });
    expect(renderReadingEn(readCorrelation(estimate(900, 0.42, 0.31, 0.52)), 'effort')).toMatch(
      /^Interactions rated easier tend to have higher CSAT, a moderate association at least/,
    );
    expect(readCorrelation(estimate(900, 0.42, 0.29, 0.52))).toMatchObject({ strength: 'weak' });
  });

  it('says "may be very weak" when the interval excludes 0 but reaches below 0.1', () => {
    const reading = readCorrelation(estimate(3000, 0.08, 0.04, 0.12));
    expect(renderReadingEn(reading, 'handle')).toBe(
      'Interactions with longer handle time tend to have higher CSAT, though the association may ' +
        'be very weak (ρ = 0.08, 95% CI 0.04 to 0.12, n = 3,000).',
    );
  });

  it('claims no association when the interval contains 0, however large ρ is', () => {
    const reading = readCorrelation(estimate(25, 0.45, -0.02, 0.75));
    expect(reading.kind).toBe('no-clear-association');
    expect(renderReadingEn(reading, 'away')).toBe(
      'No clear association between time away and CSAT (ρ = 0.45, 95% CI −0.02 to 0.75, n = 25).',
    );
  });

  it('says there is not enough data below the minimum number of pairs', () => {
    const reading = readCorrelation(estimate(MIN_PAIRS - 1, 0.9, 0.5, 0.99));
    expect(reading).toEqual({ kind: 'not-enough-data', n: MIN_PAIRS - 1, minimum: MIN_PAIRS });
    expect(renderReadingEn(reading, 'effort')).toBe(
      'Not enough data to relate effort scores to CSAT: 19 interactions with both, 20 needed.',
    );
  });

  it('gives no reading when a variable does not vary', () => {
    const reading = readCorrelation(estimate(400, null));
    expect(reading).toEqual({ kind: 'no-variation', n: 400 });
    expect(renderReadingEn(reading, 'switches')).toMatch(/same value in every interaction/);
  });

  it('never claims more than the interval allows (random ρ and intervals)', () => {
    const random = createRandom(77);
    const order: Strength[] = ['slight', 'weak', 'moderate', 'strong'];
    const words: Record<Strength, RegExp> = {
      slight: /may be very weak/,
      weak: /a weak association at least/,
      moderate: /a moderate association at least/,
      strong: /a strong association/,
    };
    for (let round = 0; round < 5000; round++) {
      const a = random.next() * 2 - 1;
      const b = random.next() * 2 - 1;
      const low = Math.min(a, b);
      const high = Math.max(a, b);
      const rho = low + (high - low) * random.next();
      const n = random.int(0, 10_000);
      const reading = readCorrelation(estimate(n, rho, low, high));
      const text = renderReadingEn(reading, random.pick(MEASURES));
      if (n < MIN_PAIRS) {
        expect(reading.kind).toBe('not-enough-data');
        continue;
      }
      if (low <= 0 && high >= 0) {
        expect(reading.kind).toBe('no-clear-association');
        expect(text).not.toMatch(/tend to|association at least|strong/);
        continue;
      }
      if (reading.kind !== 'association')
        throw new Error(`expected an association, got ${reading.kind}`);
      expect(reading.direction).toBe(low > 0 ? 'positive' : 'negative');
      expect(text).toMatch(low > 0 ? /higher CSAT/ : /lower CSAT/);
      const nearest = Math.min(Math.abs(low), Math.abs(high));
      expect(STRENGTH_FLOORS[reading.strength]).toBeLessThanOrEqual(nearest);
      // It is also the strongest word allowed: the next word up would claim too much.
      const next = order[order.indexOf(reading.strength) + 1];
      if (next) expect(STRENGTH_FLOORS[next]).toBeGreaterThan(nearest);
      expect(text).toMatch(words[reading.strength]);
      for (const other of order)
        if (other !== reading.strength) expect(text).not.toMatch(words[other]);
      expect(text).toContain(`n = ${n.toLocaleString('en-US')}`);
    }
  });

  it('judges strength by the bound nearest 0', () => {
    expect(strengthOf(-0.6, -0.55)).toBe('strong');
    expect(strengthOf(0.05, 0.9)).toBe('slight');
  });
});
