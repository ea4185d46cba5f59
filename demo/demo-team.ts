import { DEMO_COLLECTOR, DEMO_TEAM_POLICY } from './policy';
import { promptSettingsSchema } from '../contract/prompt-settings';
import { hashToken } from '../server/src/auth/tokens';
import type { TeamsRepository } from '../server/src/db/teams-repository';
import type { PolicyRepository } from '../server/src/db/policy-repository';

/**
 * Fixed tokens of the local demo team (`npm start`, e2e tests). They are public by design and
 * only ever given to the team `demo`; real teams get tokens from `collector token create`.
 */
export const DEMO_TEAM = {
  team: DEMO_COLLECTOR.team,
  agentToken: DEMO_COLLECTOR.agentToken,
  supervisorToken: DEMO_COLLECTOR.supervisorToken,
} as const;

export type DemoTeam = typeof DEMO_TEAM & { hashSecret: string };

/** Creates team `demo` with an agent and a supervisor token unless they exist; idempotent. */
export async function ensureDemoTeam(
  db: Pick<TeamsRepository, 'ensureTeam' | 'findTokenByHash' | 'createToken'>,
): Promise<DemoTeam> {
  const team = await db.ensureTeam(DEMO_TEAM.team);
  const wanted = [
    { role: 'agent', name: 'demo-agent', token: DEMO_TEAM.agentToken },
    { role: 'supervisor', name: 'demo-supervisor', token: DEMO_TEAM.supervisorToken },
  ] as const;
  for (const { role, name, token } of wanted) {
    const tokenHash = hashToken(token);
    if (await db.findTokenByHash(tokenHash)) continue;
    await db.createToken({ team: DEMO_TEAM.team, role, name, tokenHash });
  }
  return { ...DEMO_TEAM, hashSecret: team.hashSecret };
}

/**
 * Gives team `demo` its first policy (prompt settings for short demo sessions) unless it has one:
 * a supervisor's later changes in the console are kept across restarts. Answers whether it set it.
 */
export async function ensureDemoTeamPolicy(
  db: Pick<PolicyRepository, 'getPolicy' | 'updatePolicy'>,
  at = new Date(),
): Promise<boolean> {
  const current = await db.getPolicy(DEMO_TEAM.team);
  if (current.version > 0) return false;
  const policy = { prompts: promptSettingsSchema.parse(DEMO_TEAM_POLICY.prompts) };
  const result = await db.updatePolicy(DEMO_TEAM.team, {
    policy,
    // Under the row lock: a policy a supervisor set meanwhile is kept.
    precondition: (stored) => stored.version === 0,
    actor: 'npm start (demo team policy)',
    at,
  });
  return result.status === 'updated';
}
