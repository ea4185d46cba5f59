import type { Report } from '../../../components/console/report/report-format';

// A small report as the collector answers it, for the component tests.

const figures = (n: number) => ({
  n,
  medianHandleMs: 300_000,
  medianAwayMs: 45_000,
  meanSwitches: 3.2,
  effort: { n: Math.round(n / 2), mean: 3.6 },
  csat: { n: Math.round(n / 3), mean: 4.1, lowShare: 0.18 },
});

const estimate = (n: number, rho: number | null, low: number, high: number) => ({
  n,
  agents: 12,
  rho,
  ci: rho === null ? null : { low, high },
  confidence: 0.95,
  resamples: 1000,
});

const noneLeftOut = { interactions: 0, ratings: 0, agents: 0 };
const someLeftOut = { interactions: 0.03, ratings: 0.04, agents: 0.08 };

/** What the report says beside each correlation's reading (summary, bands, details). */
const correlationExtras = {
  method: 'within-agent' as const,
  summary: '',
  details: '',
  bands: [],
  bandsLeftOut: noneLeftOut,
  betweenAgents: { agents: 12, rho: null },
  leftOut: noneLeftOut,
};

export function reportFixture(change: Partial<Report> = {}): Report {
  return {
    team: 'demo',
    period: {
      fromWeek: '2026-W40',
      toWeek: '2026-W47',
      weeks: [
        '2026-W40',
        '2026-W41',
        '2026-W42',
        '2026-W43',
        '2026-W44',
        '2026-W45',
        '2026-W46',
        '2026-W47',
      ],
      startDate: '2026-09-28',
      endDate: '2026-11-22',
    },
    minGroupSize: 5,
    minGroupSizeFloor: 5,
    effortScale: '1-5',
    filter: { app: null, agent: null },
    choices: { apps: ['salesforce', 'zendesk'], agents: ['agent-7f3a', 'agent-91bc'] },
    overall: figures(1987),
    leftOut: {
      any: true,
      distributions: someLeftOut,
      effort: someLeftOut,
      weekly: someLeftOut,
      reasons: someLeftOut,
      apps: someLeftOut,
    },
    n: { interactions: 1987, effort: 912, csat: 640, ratings: 630, effortCsat: 301, agents: 12 },
    distributions: {
      effortScore: {
        n: 912,
        quantiles: { p10: 2, p25: 3, p50: 4, p75: 4, p90: 5 },
        bins: [1, 2, 3, 4, 5].map((from, i) => ({
          from,
          to: from === 5 ? null : from + 1,
          count: [40, 110, 250, 330, 182][i]!,
        })),
      },
      switches: {
        n: 1987,
        quantiles: { p10: 0, p25: 1, p50: 3, p75: 5, p90: 8 },
        // As the collector bins them (server/src/reports/distribution.ts): one switch wide.
        bins: [300, 400, 350, 300, 250, 150, 100, 60, 40, 20, 17].map((count, from) => ({
          from,
          to: from === 10 ? null : from + 1,
          count,
        })),
      },
      awayMs: {
        n: 1987,
        quantiles: { p10: 0, p25: 10_000, p50: 45_000, p75: 120_000, p90: 300_000 },
        // One minute wide, 10 min or more in the last.
        bins: [900, 500, 250, 120, 80, 50, 30, 20, 15, 12, 10].map((count, i) => ({
          from: i * 60_000,
          to: i === 10 ? null : (i + 1) * 60_000,
          count,
        })),
      },
      handleMs: {
        n: 1987,
        quantiles: { p10: 60_000, p25: 120_000, p50: 300_000, p75: 600_000, p90: 900_000 },
        // Five minutes wide, an hour or more in the last.
        bins: [800, 600, 300, 120, 60, 40, 20, 15, 10, 8, 6, 4, 4].map((count, i) => ({
          from: i * 300_000,
          to: i === 12 ? null : (i + 1) * 300_000,
          count,
        })),
      },
    },
    correlations: {
      effort: {
        measure: 'effort',
        estimate: estimate(301, 0.41, 0.31, 0.5),
        reading: {
          kind: 'association',
          direction: 'positive',
          strength: 'moderate',
          n: 301,
          agents: 12,
          rho: 0.41,
          low: 0.31,
          high: 0.5,
        },
        text: '',
        ...correlationExtras,
      },
      switches: {
        measure: 'switches',
        estimate: estimate(640, -0.22, -0.3, -0.14),
        reading: {
          kind: 'association',
          direction: 'negative',
          strength: 'weak',
          n: 640,
          agents: 12,
          rho: -0.22,
          low: -0.3,
          high: -0.14,
        },
        text: '',
        ...correlationExtras,
        bands: [
          { from: 0, to: 3, n: 300, meanCsat: 4.24 },
          { from: 3, to: 6, n: 200, meanCsat: 3.9 },
          { from: 6, to: null, n: 140, meanCsat: 3.56 },
        ],
        betweenAgents: { agents: 12, rho: 0.1 },
        leftOut: someLeftOut,
      },
      away: {
        measure: 'away',
        estimate: estimate(640, 0.03, -0.05, 0.11),
        reading: {
          kind: 'no-clear-association',
          n: 640,
          agents: 12,
          rho: 0.03,
          low: -0.05,
          high: 0.11,
        },
        text: '',
        ...correlationExtras,
      },
      handle: {
        measure: 'handle',
        estimate: estimate(12, null, 0, 0),
        reading: { kind: 'not-enough-data', n: 12, minimum: 20, agents: 3, minimumAgents: 5 },
        text: '',
        ...correlationExtras,
      },
    },
    reasons: [
      {
        reason: 'too-many-tools',
        tagged: { n: 80, low: 30, share: 0.375, meanCsat: 3.4 },
        untagged: { n: 221, low: 33, share: 0.149, meanCsat: 4.2 },
        difference: 0.226,
        ci: { low: 0.11, high: 0.34 },
        association: 'higher',
      },
      {
        reason: 'policy',
        tagged: { n: 40, low: 6, share: 0.15, meanCsat: 4.1 },
        untagged: { n: 261, low: 57, share: 0.218, meanCsat: 3.9 },
        difference: -0.068,
        ci: { low: -0.19, high: 0.05 },
        association: 'unclear',
      },
    ],
    apps: [
      { app: 'gmail', n: 400, awayMs: 36_000_000, meanAwayMs: 90_000, share: 0.6 },
      { app: 'in-house-billing', n: 200, awayMs: 24_000_000, meanAwayMs: 120_000, share: 0.4 },
    ],
    weekly: ['2026-W40', '2026-W41', '2026-W42'].map((week, i) => ({
      week,
      startDate: ['2026-09-28', '2026-10-05', '2026-10-12'][i]!,
      endDate: ['2026-10-04', '2026-10-11', '2026-10-18'][i]!,
      ...(i === 1
        ? {
            ...figures(0),
            effort: { n: 0, mean: null },
            csat: { n: 0, mean: null, lowShare: null },
          }
        : figures(250)),
    })),
    agents: { available: true, rows: [{ agentId: 'agent-7f3a', ...figures(120) }] },
    ...change,
  };
}
