import { createHash } from 'node:crypto';
import { EFFORT_REASON } from '../contract/prompt-settings';
import type { OutboxEvent } from '../contract/events';
import { createUuidV7 } from '../contract/uuidv7';
import { createRandom, type Random } from '../contract/seeded-random';
import { isoWeekIndex, isoWeekLabel, isoWeekStart, parseIsoWeek } from '../contract/iso-week';
import type { ReportRow } from '../server/src/reports/report-row';

// Seeded synthetic EX × CX data (issue #7) with a planted effect of switches and effort on CSAT.
//
// Model (a Gaussian copula): each interaction has standard-normal latent variables
//   s (switching)  = 0.3·agent + √0.91·ε₁           agent: fixed per agent, mean 0, variance ≈ 1
//   e (ease)       = −0.4·s + √0.84·ε₂              more switching, harder work
//   c (CSAT)       = a·s + b·e + √(1 − Var(a·s + b·e))·ε₃
// with a = effect.switchesOnCsat and b = effect.effortOnCsat (standardised coefficients; the
// effort score is an ease score, so b > 0 means harder work, lower CSAT). The observed figures are
// monotone maps of the latents (switches = ⌊exp(1.35 + 0.6·s)⌋, effort and CSAT cut at fixed
// quantiles), so their Spearman ρ follows the latent correlation, shrunk by the ties the 1–5
// scales create. The "planted strength" is the population ρ of the observed figures; tests
// estimate it from 200,000 interactions of another seed (README.md, "Reports").

export type DemoEffect = { switchesOnCsat: number; effortOnCsat: number };
export const DEFAULT_EFFECT: DemoEffect = { switchesOnCsat: -0.35, effortOnCsat: 0.3 };
export const NO_EFFECT: DemoEffect = { switchesOnCsat: 0, effortOnCsat: 0 };

export type DemoOptions = {
  seed: number;
  interactions: number;
  teams?: number;
  agentsPerTeam?: number;
  weeks?: number;
  /** First ISO week of the data. */
  fromWeek?: string;
  effect?: DemoEffect;
  /** Share of interactions whose prompt was shown and answered. */
  answerRate?: number;
  /** Share of interactions with a CSAT answer. */
  csatRate?: number;
};

export type DemoInteraction = ReportRow & {
  week: string;
  start: number;
  outsideMs: number;
  inAppTabSwitches: number;
  returns: number;
  promptOutcome: 'answered' | 'dismissed' | 'timed-out' | 'skipped';
};

const SWITCH_LATENT_CORRELATION = -0.4;
/** Latent cut points: ease 1–5 roughly 10/20/30/25/15 %, CSAT 1–5 8/7/12/28/45 %. */
const EASE_CUTS = [-1.28, -0.52, 0.25, 1.04];
const CSAT_CUTS = [-1.405, -1.036, -0.613, 0.126];
const CRMS = ['zendesk', 'salesforce', 'freshdesk'] as const;
const OTHER_APPS = {
  gmail: 5,
  slack: 4,
  confluence: 3,
  jira: 2,
  aircall: 2,
  other: 2,
} as const;

/** Standard normal draw (Box–Muller). */
function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

const cut = (value: number, cuts: readonly number[]) => {
  let category = 1;
  for (const edge of cuts) if (value > edge) category++;
  return category;
};

/** Variance of a·s + b·e for the latent model; the effect must leave room for noise. */
function explainedVariance({ switchesOnCsat: a, effortOnCsat: b }: DemoEffect): number {
  return a * a + b * b + 2 * a * b * SWITCH_LATENT_CORRELATION;
}

function reasonsFor(random: Random, score: number, switches: number): string[] {
  if (score >= 4) return [];
  const reasons: string[] = [];
  if (random.chance(Math.min(0.8, switches / 10))) reasons.push(EFFORT_REASON.tooManyTools);
  if (random.chance(0.3)) reasons.push(EFFORT_REASON.missingInformation);
  if (random.chance(0.15)) reasons.push(EFFORT_REASON.slowSystem);
  if (random.chance(0.1)) reasons.push(EFFORT_REASON.policy);
  if (random.chance(0.15)) reasons.push(EFFORT_REASON.unclearProcess);
  return reasons;
}

/** A deterministic stand-in for the keyed record hash (64 hex). */
const recordHashOf = (seed: number, index: number) =>
  createHash('sha256').update(`touchpoint-demo:${seed}:${index}`).digest('hex');

/** `interactions` joined interaction rows, the same for the same options. */
export function generateDemoData(options: DemoOptions): DemoInteraction[] {
  const {
    seed,
    interactions,
    teams = 3,
    agentsPerTeam = 8,
    weeks = 8,
    fromWeek = '2025-W02',
    effect = DEFAULT_EFFECT,
    answerRate = 0.5,
    csatRate = 0.6,
  } = options;
  const explained = explainedVariance(effect);
  if (explained > 1) throw new Error('effect too strong: its latent variance exceeds 1');
  const random = createRandom(seed);
  const agents = Array.from({ length: teams * agentsPerTeam }, (_, i) => {
    const team = Math.floor(i / agentsPerTeam);
    return {
      team: `team-${team + 1}`,
      agentId: `agent-${team + 1}-${String((i % agentsPerTeam) + 1).padStart(2, '0')}`,
      crm: CRMS[team % CRMS.length]!,
      // Evenly spread, not drawn: the population ρ then does not depend on the seed.
      switching: Math.sqrt(3) * ((2 * ((i % agentsPerTeam) + 0.5)) / agentsPerTeam - 1),
    };
  });
  const firstWeek = parseIsoWeek(fromWeek);
  const rows: DemoInteraction[] = [];
  for (let index = 0; index < interactions; index++) {
    const agent = random.pick(agents);
    const s = 0.3 * agent.switching + Math.sqrt(0.91) * normal(random);
    const e =
      SWITCH_LATENT_CORRELATION * s +
      Math.sqrt(1 - SWITCH_LATENT_CORRELATION ** 2) * normal(random);
    const c =
      effect.switchesOnCsat * s +
      effect.effortOnCsat * e +
      Math.sqrt(1 - explained) * normal(random);
    const switchCount = Math.floor(Math.exp(1.35 + 0.6 * s));
    const handleMs = Math.round(Math.exp(Math.log(360_000) + 0.25 * s + 0.6 * normal(random)));
    const awayMs =
      switchCount === 0
        ? 0
        : Math.round(switchCount * Math.exp(Math.log(40_000) + 0.8 * normal(random)));
    const others = new Set<string>();
    const otherCount = switchCount === 0 ? 0 : Math.min(1 + Math.floor(switchCount / 3), 4);
    while (others.size < otherCount) others.add(random.weighted(OTHER_APPS));
    const outsideMs = random.chance(0.2) ? random.int(5_000, 120_000) : 0;
    const weekIndex = firstWeek + random.int(0, weeks - 1);
    const occurredAt =
      isoWeekStart(weekIndex) +
      random.int(0, 4) * 86_400_000 +
      random.int(8 * 3_600_000, 17 * 3_600_000);
    const answered = random.chance(answerRate);
    const prompted = answered || random.chance(0.3);
    const effortScore = answered ? cut(e, EASE_CUTS) : null;
    rows.push({
      team: agent.team,
      agentId: agent.agentId,
      recordHash: recordHashOf(seed, index),
      app: agent.crm,
      occurredAt,
      week: isoWeekLabel(isoWeekIndex(occurredAt)),
      start: occurredAt - handleMs - awayMs - outsideMs,
      handleMs,
      awayMs,
      outsideMs,
      switchCount,
      inAppTabSwitches: random.int(0, 3),
      returns: Math.max(0, switchCount - random.int(0, 1)),
      appsUsed: [agent.crm, ...others],
      effortScore,
      effortScale: answered ? '1-5' : null,
      reasons: effortScore === null ? [] : reasonsFor(random, effortScore, switchCount),
      csat: random.chance(csatRate) ? cut(c, CSAT_CUTS) : null,
      promptOutcome: answered
        ? 'answered'
        : prompted
          ? random.pick(['dismissed', 'timed-out'] as const)
          : 'skipped',
    });
  }
  return rows;
}

/** A source of UUIDv7 ids drawn from `seed`, so that emitted events are reproducible. */
export function createSeededIds(seed: number) {
  const random = createRandom(seed);
  return createUuidV7((bytes) => bytes.map(() => random.int(0, 255)));
}

/**
 * The outbox events the browser would have sent for `row`: its `interaction.summary` and the
 * `prompt.outcome` that asked about it (skips included, as the extension records them).
 */
export function toOutboxEvents(
  row: DemoInteraction,
  newId: (now: number) => string,
): OutboxEvent[] {
  const interaction = {
    app: row.app,
    recordType: 'ticket' as const,
    recordHash: row.recordHash,
    start: row.start,
    end: row.occurredAt,
    endReason: 'closed' as const,
    handleMs: row.handleMs,
    awayMs: row.awayMs,
    outsideMs: row.outsideMs,
    switchCount: row.switchCount,
    inAppTabSwitches: row.inAppTabSwitches,
    returns: row.returns,
    distinctApps: row.appsUsed.length,
    appsUsed: [...row.appsUsed],
  };
  const shown = row.promptOutcome !== 'skipped';
  const outcomeAt = row.occurredAt + (shown ? 20_000 : 0);
  return [
    {
      id: newId(row.occurredAt),
      type: 'interaction.summary',
      occurredAt: row.occurredAt,
      schemaVersion: 1,
      payload: interaction,
    },
    {
      id: newId(outcomeAt),
      type: 'prompt.outcome',
      occurredAt: outcomeAt,
      schemaVersion: 1,
      payload: {
        outcome: row.promptOutcome,
        trigger: 'closed',
        scale: '1-5',
        score: row.effortScore,
        reasons: [...row.reasons],
        skipReason: shown ? null : 'sampled-out',
        shownAt: shown ? row.occurredAt + 5_000 : null,
        latencyMs: row.promptOutcome === 'answered' ? 15_000 : null,
        interaction,
      },
    },
  ];
}

/** A CSAT row as a CX import would bring it: joined on the record hash, never a raw id. */
export type CxRow = { app: string; recordHash: string; csat: number; scale: '1-5'; date: string };

export function toCxRow(row: DemoInteraction): CxRow | null {
  if (row.csat === null) return null;
  return {
    app: row.app,
    recordHash: row.recordHash,
    csat: row.csat,
    scale: '1-5',
    date: new Date(row.occurredAt).toISOString().slice(0, 10),
  };
}
