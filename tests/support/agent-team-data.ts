import { createRandom, type Random } from '../../contract/seeded-random';
import { isoWeekStart, parseIsoWeek } from '../../contract/iso-week';
import type { ReportRow } from '../../server/src/reports/report-row';

// Planted data for the within-agent association (issue #14, item 4), on a structure the demo
// generator (demo/report-data.ts) does not have: every agent has their own switching level and
// their own CSAT level, and the two levels may be related across agents (a confound the report
// must not read as an association), while inside each agent's work switching may or may not
// move CSAT (the planted within-agent effect). Figures are steps of latent normals: whole
// switch counts, and 1–5 CSAT and ease scores with many ties. Some interactions re-handle an
// earlier ticket of the same agent: they share its record hash and its CSAT (one rating, two
// interactions).
//
// Latent model per interaction of agent p:
//   s = A_p + z₁                      (switching)
//   c = B_p + β·z₁ + √(1 − β²)·z₂     (CSAT)
//   e = −0.4·z₁ + √0.84·z₃            (ease; within-agent only)
// A_p = levels.switching · a_p and B_p = levels.csat · (ρ_AB·a_p + √(1 − ρ_AB²)·b_p), where a and b
// are the normal quantiles of the agents' places, b in another order: fixed per agent count, so
// the population within-agent ρ does not depend on the seed.

export type AgentTeamOptions = {
  seed: number;
  agents?: number;
  weeks?: number;
  /** Mean interactions per agent and week (each agent-week draws 50–150 % of it). */
  perAgentWeek?: number;
  /** β: the latent within-agent effect of switching on CSAT. */
  withinEffect?: number;
  /** Spread of the agents' levels (in latent SDs) and their correlation across agents. */
  levels?: { switching: number; csat: number; correlation: number };
  csatRate?: number;
  /** Share of interactions that re-handle the agent's previous ticket (same hash and CSAT). */
  rehandleRate?: number;
  fromWeek?: string;
  team?: string;
};

const CSAT_CUTS = [-1.4, -1.0, -0.6, 0.1];
const EASE_CUTS = [-1.28, -0.52, 0.25, 1.04];

const cut = (value: number, cuts: readonly number[]) => {
  let category = 1;
  for (const edge of cuts) if (value > edge) category++;
  return category;
};

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** The agents' latent levels (see the module comment). */
export function agentLevels(count: number, levels: NonNullable<AgentTeamOptions['levels']>) {
  const place = (i: number) => normalQuantile((i + 0.5) / count);
  // Another fixed order for the part of B unrelated to A: every 7th place, wrapping around.
  const stride = count % 7 === 0 ? 5 : 7;
  return Array.from({ length: count }, (_, i) => {
    const a = place(i);
    const b = place((i * stride + 3) % count);
    const r = levels.correlation;
    return {
      switching: levels.switching * a,
      csat: levels.csat * (r * a + Math.sqrt(1 - r * r) * b),
    };
  });
}

/** The team's interactions, the same for the same options. */
export function generateAgentTeam(options: AgentTeamOptions): ReportRow[] {
  const {
    seed,
    agents = 24,
    weeks = 8,
    perAgentWeek = 20,
    withinEffect: beta = 0,
    levels = { switching: 0.8, csat: 0.6, correlation: 0 },
    csatRate = 0.6,
    rehandleRate = 0.05,
    fromWeek = '2025-W02',
    team = 'team-planted',
  } = options;
  const random = createRandom(seed);
  const firstWeek = parseIsoWeek(fromWeek);
  const rows: ReportRow[] = [];
  let ticket = 0;
  agentLevels(agents, levels).forEach((level, p) => {
    const agentId = `agent-${String(p + 1).padStart(3, '0')}`;
    let previous: { recordHash: string; csat: number | null } | null = null;
    for (let w = 0; w < weeks; w++) {
      const count = Math.round(perAgentWeek * (0.5 + random.next()));
      for (let i = 0; i < count; i++) {
        const z1 = normal(random);
        const s = level.switching + z1;
        const c = level.csat + beta * z1 + Math.sqrt(1 - beta * beta) * normal(random);
        const e = -0.4 * z1 + Math.sqrt(0.84) * normal(random);
        const switchCount = Math.floor(Math.exp(1.1 + 0.5 * s));
        const rehandle: boolean = previous !== null && random.chance(rehandleRate);
        const own = {
          recordHash: `${seed}-${++ticket}`.padStart(64, '0'),
          csat: random.chance(csatRate) ? cut(c, CSAT_CUTS) : null,
        };
        const record: { recordHash: string; csat: number | null } = rehandle ? previous! : own;
        previous = record;
        const answered = random.chance(0.5);
        rows.push({
          team,
          agentId,
          recordHash: record.recordHash,
          app: 'zendesk',
          occurredAt:
            isoWeekStart(firstWeek + w) +
            random.int(0, 4) * 86_400_000 +
            random.int(8 * 3_600_000, 17 * 3_600_000),
          handleMs: Math.round(Math.exp(Math.log(360_000) + 0.25 * s + 0.6 * normal(random))),
          awayMs: switchCount === 0 ? 0 : switchCount * random.int(10_000, 90_000),
          switchCount,
          appsUsed:
            switchCount === 0 ? ['zendesk'] : ['zendesk', random.pick(['gmail', 'slack', 'jira'])],
          effortScore: answered ? cut(e, EASE_CUTS) : null,
          effortScale: answered ? '1-5' : null,
          reasons: [],
          csat: record.csat,
        });
      }
    }
  });
  return rows;
}
