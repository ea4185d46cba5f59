import type { SpearmanEstimate } from './bootstrap';

// A plain-language reading of ρ and its interval (issue #7) that never claims more than the
// interval allows: no association is claimed when the interval contains 0, and the strength word
// is the one the interval's bound nearest 0 reaches, phrased as a floor ("at least moderate").

/** Fewer pairs than this get "not enough data": a percentile bootstrap is unreliable below it. */
export const MIN_PAIRS = 20;

/** Floors of |ρ| for each strength word (the usual 0.1 / 0.3 / 0.5 steps). */
export const STRENGTH_FLOORS = { slight: 0, weak: 0.1, moderate: 0.3, strong: 0.5 } as const;
export type Strength = keyof typeof STRENGTH_FLOORS;

/** What was correlated with CSAT, for the wording. */
export const MEASURES = ['effort', 'switches', 'away', 'handle'] as const;
export type Measure = (typeof MEASURES)[number];

type Figures = { n: number; rho: number; low: number; high: number };

/** Structured reading for the UI to translate; `text` params are in the variant's fields. */
export type Reading =
  | { kind: 'not-enough-data'; n: number; minimum: number }
  | { kind: 'no-variation'; n: number }
  | ({ kind: 'no-clear-association' } & Figures)
  | ({
      kind: 'association';
      direction: 'positive' | 'negative';
      /** The strongest word the bound nearest 0 supports. */
      strength: Strength;
    } & Figures);

/** The strength the interval supports: judged by its bound nearest 0. */
export function strengthOf(low: number, high: number): Strength {
  const nearest = Math.min(Math.abs(low), Math.abs(high));
  if (nearest >= STRENGTH_FLOORS.strong) return 'strong';
  if (nearest >= STRENGTH_FLOORS.moderate) return 'moderate';
  if (nearest >= STRENGTH_FLOORS.weak) return 'weak';
  return 'slight';
}

export function readCorrelation(estimate: SpearmanEstimate, minimum = MIN_PAIRS): Reading {
  const { n, rho, ci } = estimate;
  if (n < minimum) return { kind: 'not-enough-data', n, minimum };
  if (rho === null || ci === null) return { kind: 'no-variation', n };
  const figures = { n, rho, low: ci.low, high: ci.high };
  if (ci.low <= 0 && ci.high >= 0) return { kind: 'no-clear-association', ...figures };
  return {
    kind: 'association',
    direction: ci.low > 0 ? 'positive' : 'negative',
    strength: strengthOf(ci.low, ci.high),
    ...figures,
  };
}

// English wording. The effort score is an ease score (1 very hard … 5 very easy), so a higher
// score reads as "rated easier".
const SUBJECT: Record<Measure, string> = {
  effort: 'Interactions rated easier',
  switches: 'Interactions with more switches',
  away: 'Interactions with more time away from the record',
  handle: 'Interactions with longer handle time',
};

const NOUN: Record<Measure, string> = {
  effort: 'effort scores',
  switches: 'switches',
  away: 'time away',
  handle: 'handle time',
};

const formatRho = (value: number) => value.toFixed(2).replace('-', '\u2212');
const formatCount = (value: number) => value.toLocaleString('en-US');

function figuresText({ n, rho, low, high }: Figures) {
  return `ρ = ${formatRho(rho)}, 95% CI ${formatRho(low)} to ${formatRho(high)}, n = ${formatCount(n)}`;
}

const STRENGTH_TEXT: Record<Strength, string> = {
  slight: 'though the association may be very weak',
  weak: 'a weak association at least',
  moderate: 'a moderate association at least',
  strong: 'a strong association',
};

/** The reading in English, e.g. "Interactions with more switches tend to have lower CSAT; …". */
export function renderReadingEn(reading: Reading, measure: Measure): string {
  switch (reading.kind) {
    case 'not-enough-data':
      return `Not enough data to relate ${NOUN[measure]} to CSAT: ${formatCount(reading.n)} interactions with both, ${reading.minimum} needed.`;
    case 'no-variation':
      return `No reading for ${NOUN[measure]} and CSAT: one of them has the same value in every interaction (n = ${formatCount(reading.n)}).`;
    case 'no-clear-association':
      return `No clear association between ${NOUN[measure]} and CSAT (${figuresText(reading)}).`;
    case 'association':
      return `${SUBJECT[measure]} tend to have ${reading.direction === 'positive' ? 'higher' : 'lower'} CSAT, ${STRENGTH_TEXT[reading.strength]} (${figuresText(reading)}).`;
  }
}
