import type { CsatBand } from './csat-bands';
import type { WithinAgentEstimate } from './within-agent';

// What a supervisor reads of an association (issues #7 and #14), in three layers:
// - `summary`: a business sentence in CSAT points, from the CSAT means by band of the measure
//   (csat-bands.ts): "Interactions with 6 or more switches averaged CSAT 3.6; with 0–2
//   switches, 4.2."
// - `text`: the within-agent reading in plain words. No association is claimed when the interval
//   contains 0; the strength word follows the estimate (|ρ_w| 0.1 / 0.3 / 0.5), so ρ = 0.42 and
//   ρ = −0.45 are both "moderate" (issue #14: the interval's inner bound called one "weak").
// - `details`: the statistics, for those who want them.

/** Fewer ratings than this get "not enough data": a bootstrap is unreliable below it. */
export const MIN_PAIRS = 20;
/** Fewer people than this get "not enough data": a cluster bootstrap needs clusters. */
export const MIN_AGENTS = 5;

/** Floors of |ρ| for each strength word (the usual 0.1 / 0.3 / 0.5 steps). */
export const STRENGTH_FLOORS = { slight: 0, weak: 0.1, moderate: 0.3, strong: 0.5 } as const;
export type Strength = keyof typeof STRENGTH_FLOORS;

/** What was correlated with CSAT, for the wording. */
export const MEASURES = ['effort', 'switches', 'away', 'handle'] as const;
export type Measure = (typeof MEASURES)[number];

type Figures = { n: number; agents: number; rho: number; low: number; high: number };

/** Structured reading for the UI to translate; `text` params are in the variant's fields. */
export type Reading =
  | { kind: 'not-enough-data'; n: number; minimum: number; agents: number; minimumAgents: number }
  | { kind: 'no-variation'; n: number }
  | ({ kind: 'no-clear-association' } & Figures)
  | ({
      kind: 'association';
      direction: 'positive' | 'negative';
      /** The word for the size of the estimate. */
      strength: Strength;
    } & Figures);

/** The strength word of an estimate. */
export function strengthOf(rho: number): Strength {
  const size = Math.abs(rho);
  if (size >= STRENGTH_FLOORS.strong) return 'strong';
  if (size >= STRENGTH_FLOORS.moderate) return 'moderate';
  if (size >= STRENGTH_FLOORS.weak) return 'weak';
  return 'slight';
}

export function readCorrelation(
  estimate: WithinAgentEstimate,
  minimum = MIN_PAIRS,
  minimumAgents = MIN_AGENTS,
): Reading {
  const { n, agents, rho, ci } = estimate;
  if (n < minimum || agents < minimumAgents) {
    return { kind: 'not-enough-data', n, minimum, agents, minimumAgents };
  }
  if (rho === null || ci === null) return { kind: 'no-variation', n };
  const figures = { n, agents, rho, low: ci.low, high: ci.high };
  if (ci.low <= 0 && ci.high >= 0) return { kind: 'no-clear-association', ...figures };
  return {
    kind: 'association',
    direction: rho > 0 ? 'positive' : 'negative',
    strength: strengthOf(rho),
    ...figures,
  };
}

// English wording. The effort score is an ease score (1 very hard … 5 very easy), so a higher
// score reads as "rated easier".
const SUBJECT: Record<Measure, string> = {
  effort: 'interactions rated easier',
  switches: 'interactions with more switches',
  away: 'interactions with more time away from the record',
  handle: 'interactions with longer handle time',
};

const NOUN: Record<Measure, string> = {
  effort: 'effort scores',
  switches: 'switches',
  away: 'time away',
  handle: 'handle time',
};

const formatRho = (value: number) => value.toFixed(2).replace('-', '\u2212');
const formatCount = (value: number) => value.toLocaleString('en-US');

const STRENGTH_TEXT: Record<Strength, string> = {
  slight: 'a very slight association',
  weak: 'a weak association',
  moderate: 'a moderate association',
  strong: 'a strong association',
};

/** The reading in plain English, e.g. "Within each agent's work, interactions with more …". */
export function renderReadingEn(reading: Reading, measure: Measure): string {
  switch (reading.kind) {
    case 'not-enough-data':
      return `Not enough data to relate ${NOUN[measure]} to CSAT: ${formatCount(reading.n)} ratings from ${reading.agents} agents; ${reading.minimum} ratings from ${reading.minimumAgents} agents needed.`;
    case 'no-variation':
      return `No reading for ${NOUN[measure]} and CSAT: one of them has the same value in every interaction.`;
    case 'no-clear-association':
      return `No clear association between ${NOUN[measure]} and CSAT within agents' own work.`;
    case 'association':
      return `Within each agent's own work, ${SUBJECT[measure]} tend to have ${reading.direction === 'positive' ? 'higher' : 'lower'} CSAT: ${STRENGTH_TEXT[reading.strength]}.`;
  }
}

/** The statistics behind a reading, for the details line. */
export function renderDetailsEn(reading: Reading): string {
  switch (reading.kind) {
    case 'not-enough-data':
    case 'no-variation':
      return `${formatCount(reading.n)} ratings.`;
    case 'no-clear-association':
    case 'association':
      return `Rank correlation within agents ${formatRho(reading.rho)}, 95% interval ${formatRho(reading.low)} to ${formatRho(reading.high)} (resampling agents); ${formatCount(reading.n)} ratings from ${reading.agents} agents.`;
  }
}

/** How interactions in a band are described, for each measure: "with 6 or more switches". */
function bandPhrase(measure: Measure, band: CsatBand, effortTop: number): string {
  const { from, to } = band;
  const minutes = (ms: number) => `${ms / 60_000} min`;
  switch (measure) {
    case 'switches':
      return to === null ? `with ${from} or more switches` : `with ${from}\u2013${to - 1} switches`;
    case 'away':
      return to === null
        ? `with ${minutes(from)} or more away from the record`
        : from === 0
          ? `with under ${minutes(to)} away from the record`
          : `with ${minutes(from)}\u2013${minutes(to)} away from the record`;
    case 'handle':
      return to === null
        ? `handled in ${minutes(from)} or more`
        : from === 0
          ? `handled in under ${minutes(to)}`
          : `handled in ${minutes(from)}\u2013${minutes(to)}`;
    case 'effort': {
      const last = to === null ? effortTop : to - 1;
      return last === from ? `rated ${from} for ease` : `rated ${from}\u2013${last} for ease`;
    }
  }
}

/**
 * The business sentence: the CSAT mean of the band at the high end of the measure against the
 * one at the low end, e.g. "Interactions with 6 or more switches averaged CSAT 3.6; with 0–2
 * switches, 4.2." Bands without ratings are skipped.
 */
export function renderBandsEn(
  bands: readonly CsatBand[],
  measure: Measure,
  /** The top of the effort scale (5 or 7). */
  effortTop = 5,
): string {
  const shown = bands.filter((band) => band.meanCsat !== null);
  if (shown.length < 2) {
    return `Too few people or ratings in each range of ${NOUN[measure]} to compare CSAT.`;
  }
  const low = shown[0]!;
  const high = shown[shown.length - 1]!;
  const phrase = (band: CsatBand) => bandPhrase(measure, band, effortTop);
  return `Interactions ${phrase(high)} averaged CSAT ${high.meanCsat!.toFixed(1)} (${formatCount(high.n)} ratings); ${phrase(low)}, ${low.meanCsat!.toFixed(1)} (${formatCount(low.n)} ratings).`;
}
