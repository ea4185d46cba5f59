import { describeIssues } from '../../contract/validation';
import { SETTINGS, type SettingName } from './definitions';
import type { SettingState } from './sources';
import { readVersionedValues, versioned, type VersionedValues } from './migrations';
import type { PolicyProblem } from './policy-problems';

/** `storage.local` key of the agent's own choices (agent-adjustable settings only). */
export const AGENT_CHOICES_KEY = 'agent-settings';

/** The stored choices, migrated to the current settings version, with what could not be read. */
export function readAgentChoices(raw: unknown): {
  values: Record<string, unknown>;
  problems: PolicyProblem[];
} {
  const read = readVersionedValues(raw);
  const whole = { source: 'agent', path: '' } as const;
  return {
    values: read.values,
    problems: read.problems.map((reason) =>
      reason.kind === 'unreadable'
        ? { ...whole, reason, outcome: 'ignored' }
        : { ...whole, reason },
    ),
  };
}

/**
 * The stored choices after the agent sets (`value`) or resets (`undefined`) one setting. Refused,
 * naming the reason, for settings agents may not change, locked ones and invalid values.
 */
export function applyAgentChoice(
  raw: unknown,
  name: string,
  value: unknown,
  state: SettingState | undefined,
): VersionedValues {
  const definition = SETTINGS[name as SettingName] as (typeof SETTINGS)[SettingName] | undefined;
  if (!definition?.agentAdjustable) throw new Error(`${name}: not a setting agents may change`);
  if (state?.locked) throw new Error(`${name}: locked by your admin`);
  const { values } = readAgentChoices(raw);
  if (value === undefined) {
    delete values[name];
    return versioned(values);
  }
  const parsed = definition.schema.safeParse(value);
  if (!parsed.success) throw new Error(`${name}: ${describeIssues(parsed.error)}`);
  return versioned({ ...values, [name]: parsed.data });
}
