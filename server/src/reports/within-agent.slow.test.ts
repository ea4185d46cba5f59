import { describe, expect, it } from 'vitest';
import { buildReport, type ReportOptions } from './build-report';
import { spearman } from './spearman';
import { generateAgentTeam, type AgentTeamOptions } from '../../../tests/support/agent-team-data';
import { LATER } from '../../../tests/support/report-rows';

// Issue #14, item 4: the within-agent association on planted data from a generator whose agents
// have their own switching and CSAT levels (tests/support/agent-team-data.ts), 100 seeds each.
// (a) a planted within-agent effect is recovered: the interval contains the planted value;
// (b) agents who differ only between themselves read "no clear association";
// (c) null data: the interval contains 0.
// The planted value is the estimator's population value: ρ_w over the same agents with 50
// times the interactions (the 1–5 steps and ties make it differ from the latent β).

const SEEDS = 100;
const options: ReportOptions = {
  period: { fromWeek: '2025-W02', toWeek: '2025-W09' },
  now: LATER,
  identityMode: 'pseudonymous',
  role: 'supervisor',
  seed: 7,
  resamples: 1000,
};

/** 40 agents, as the bench's team; 8 weeks of about 20 interactions each. */
const AGENTS = 40;

const switchesOf = (team: Omit<AgentTeamOptions, 'seed'>, seed: number) =>
  buildReport(generateAgentTeam({ agents: AGENTS, ...team, seed }), options).correlations.switches;

/** The team-wide Spearman ρ over every interaction with a CSAT: what issue #7 reported. */
function teamWide(team: Omit<AgentTeamOptions, 'seed'>, seed: number) {
  const rows = generateAgentTeam({ agents: AGENTS, ...team, seed }).filter(
    (row) => row.csat !== null,
  );
  return spearman(
    rows.map((row) => row.switchCount),
    rows.map((row) => row.csat!),
  );
}

describe('within-agent association on planted data (100 seeds each)', () => {
  it('(a) recovers a planted within-agent effect: the interval contains it', () => {
    const team: Omit<AgentTeamOptions, 'seed'> = {
      withinEffect: -0.35,
      levels: { switching: 0.8, csat: 0.6, correlation: 0.5 },
    };
    const planted = switchesOf({ ...team, perAgentWeek: 1_000 }, 999_999).estimate.rho!;
    let recovered = 0;
    let claimed = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { estimate, reading } = switchesOf(team, seed);
      if (estimate.ci!.low <= planted && planted <= estimate.ci!.high) recovered++;
      if (reading.kind === 'association' && reading.direction === 'negative') claimed++;
    }
    console.log(
      `planted within-agent ρ ${planted.toFixed(3)}: recovered ${recovered}/${SEEDS}, negative association read ${claimed}/${SEEDS}`,
    );
    expect(planted).toBeLessThan(-0.15);
    expect(recovered).toBeGreaterThanOrEqual(90);
    expect(claimed).toBeGreaterThanOrEqual(90);
  }, 120_000);

  it('(b) reads agents who differ only between themselves as "no clear association"', () => {
    // High-switching agents have customers with lower CSAT, strongly; inside no agent does
    // switching move CSAT.
    const team: Omit<AgentTeamOptions, 'seed'> = {
      withinEffect: 0,
      levels: { switching: 1, csat: 0.8, correlation: -0.9 },
    };
    let noClear = 0;
    let teamWideNegative = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const correlation = switchesOf(team, seed);
      if (correlation.reading.kind === 'no-clear-association') noClear++;
      if (teamWide(team, seed) < -0.1) teamWideNegative++;
    }
    console.log(
      `between-agent differences only: "no clear association" ${noClear}/${SEEDS} (team-wide ρ below −0.1 in ${teamWideNegative}/${SEEDS})`,
    );
    expect(teamWideNegative).toBeGreaterThanOrEqual(90);
    expect(noClear).toBeGreaterThanOrEqual(90);
  }, 120_000);

  it('(c) null data: the interval contains 0', () => {
    const team: Omit<AgentTeamOptions, 'seed'> = {
      withinEffect: 0,
      levels: { switching: 0.8, csat: 0.6, correlation: 0 },
    };
    let contains0 = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { ci } = switchesOf(team, seed).estimate;
      if (ci!.low <= 0 && ci!.high >= 0) contains0++;
    }
    console.log(`null data: interval contains 0 in ${contains0}/${SEEDS}`);
    expect(contains0).toBeGreaterThanOrEqual(93);
  }, 120_000);
});
