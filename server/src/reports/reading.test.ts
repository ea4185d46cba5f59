import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../contract/seeded-random';
import type { CsatBand } from './csat-bands';
import {
  MEASURES,
  MIN_AGENTS,
  MIN_PAIRS,
  readCorrelation,
  renderBandsEn,
  renderDetailsEn,
  renderReadingEn,
  STRENGTH_FLOORS,
  strengthOf,
  type Strength,
} from './reading';
import type { WithinAgentEstimate } from './within-agent';

const estimate = (
  n: number,
  rho: number | null,
  low?: number,
  high?: number,
  agents = 24,
): WithinAgentEstimate => ({
  n,
  agents,
  rho,
  ci: low === undefined || high === undefined ? null : { low, high },
  confidence: 0.95,
  resamples: 1000,
});

describe('readCorrelation and its English', () => {
  it('states a direction when the interval excludes 0, in words, with the figures apart', () => {
    const reading = readCorrelation(estimate(4812, -0.31, -0.35, -0.27));
    expect(reading).toMatchObject({
      kind: 'association',
      direction: 'negative',
      strength: 'moderate',
    });
    expect(renderReadingEn(reading, 'switches')).toBe(
      "Within each agent's own work, interactions with more switches tend to have lower CSAT: " +
        'a moderate association.',
    );
    expect(renderDetailsEn(reading)).toBe(
      'Rank correlation within agents −0.31, 95% interval −0.35 to −0.27 (resampling agents); ' +
        '4,812 ratings from 24 agents.',
    );
  });

  it('names the strength after the estimate: 0.42 and −0.45 are both moderate (issue #14)', () => {
    expect(readCorrelation(estimate(900, 0.42, 0.25, 0.6))).toMatchObject({
      strength: 'moderate',
      direction: 'positive',
    });
    expect(readCorrelation(estimate(900, -0.45, -0.6, -0.31))).toMatchObject({
      strength: 'moderate',
      direction: 'negative',
    });
  });

  it('claims no association when the interval contains 0, however large ρ is', () => {
    const reading = readCorrelation(estimate(25, 0.45, -0.02, 0.75));
    expect(reading.kind).toBe('no-clear-association');
    expect(renderReadingEn(reading, 'away')).toBe(
      "No clear association between time away and CSAT within agents' own work.",
    );
  });

  it('says there is not enough data below the minimum of ratings or of agents', () => {
    const few = readCorrelation(estimate(MIN_PAIRS - 1, 0.9, 0.5, 0.99));
    expect(few).toEqual({
      kind: 'not-enough-data',
      n: MIN_PAIRS - 1,
      minimum: MIN_PAIRS,
      agents: 24,
      minimumAgents: MIN_AGENTS,
    });
    expect(renderReadingEn(few, 'effort')).toBe(
      'Not enough data to relate effort scores to CSAT: 19 ratings from 24 agents; 20 ratings from 5 agents needed.',
    );
    expect(readCorrelation(estimate(500, 0.5, 0.3, 0.7, MIN_AGENTS - 1)).kind).toBe(
      'not-enough-data',
    );
  });

  it('gives no reading when a variable does not vary', () => {
    const reading = readCorrelation(estimate(400, null));
    expect(reading).toEqual({ kind: 'no-variation', n: 400 });
    expect(renderReadingEn(reading, 'switches')).toMatch(/same value in every interaction/);
  });

  it('never claims more than the interval allows, and words follow the estimate', () => {
    const random = createRandom(77);
    const words: Record<Strength, RegExp> = {
      slight: /very slight association/,
      weak: /a weak association/,
      moderate: /a moderate association/,
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
        expect(text).not.toMatch(/tend to|association\./);
        continue;
      }
      if (reading.kind !== 'association')
        throw new Error(`expected an association, got ${reading.kind}`);
      expect(reading.direction).toBe(rho > 0 ? 'positive' : 'negative');
      expect(text).toMatch(rho > 0 ? /higher CSAT/ : /lower CSAT/);
      expect(reading.strength).toBe(strengthOf(rho));
      expect(STRENGTH_FLOORS[reading.strength]).toBeLessThanOrEqual(Math.abs(rho));
      expect(text).toMatch(words[reading.strength]);
    }
  });

  it('judges strength by the estimate', () => {
    expect(strengthOf(-0.55)).toBe('strong');
    expect(strengthOf(0.42)).toBe('moderate');
    expect(strengthOf(-0.45)).toBe('moderate');
    expect(strengthOf(0.05)).toBe('slight');
  });
});

describe('renderBandsEn', () => {
  const band = (from: number, to: number | null, n: number, meanCsat: number | null): CsatBand => ({
    from,
    to,
    n,
    meanCsat,
  });

  it('says it in CSAT points: the high band of the measure against the low one', () => {
    const bands = [band(0, 3, 1204, 4.18), band(3, 6, 800, 3.9), band(6, null, 310, 3.62)];
    expect(renderBandsEn(bands, 'switches')).toBe(
      'Interactions with 6 or more switches averaged CSAT 3.6 (310 ratings); with 0–2 switches, 4.2 (1,204 ratings).',
    );
    expect(
      renderBandsEn(
        [band(0, 300_000, 50, 4.1), band(300_000, 900_000, 60, 4), band(900_000, null, 40, 3.8)],
        'handle',
      ),
    ).toBe(
      'Interactions handled in 15 min or more averaged CSAT 3.8 (40 ratings); handled in under 5 min, 4.1 (50 ratings).',
    );
    expect(
      renderBandsEn([band(1, 3, 30, 3.4), band(3, 4, 30, 4), band(4, null, 90, 4.4)], 'effort'),
    ).toBe(
      'Interactions rated 4–5 for ease averaged CSAT 4.4 (90 ratings); rated 1–2 for ease, 3.4 (30 ratings).',
    );
  });

  it('skips empty bands and says so when fewer than two are left', () => {
    expect(
      renderBandsEn([band(0, 3, 0, null), band(3, 6, 10, 4), band(6, null, 0, null)], 'switches'),
    ).toBe('Too few people or ratings in each range of switches to compare CSAT.');
  });
});
