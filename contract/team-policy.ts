import { z } from 'zod';
import { IDENTITY_MODES, type IdentityMode } from './api';
import { APP_CATEGORIES, appIdSchema, declaredAppIdSchema, hostPatternSchema } from './ids';
import { DEFAULT_PROMPT_SETTINGS, promptSettingsSchema } from './prompt-settings';
import { storableText } from './text';
import { parseLeniently } from './lenient-parse';
import { describeIssues } from './validation';

const catalogueEntrySchema = z.object({
  id: declaredAppIdSchema,
  name: storableText(80).min(1),
  category: z.enum(APP_CATEGORIES),
  hosts: z.array(hostPatternSchema).min(1).max(20),
});
export type CatalogueAddition = z.infer<typeof catalogueEntrySchema>;

type TeamSetting<T extends z.ZodType> = {
  schema: T;
  default: z.infer<T>;
  /** What it does, for the options page, the console and docs/admin.md. */
  description: string;
};
const teamSetting = <T extends z.ZodType>(setting: TeamSetting<T>) => setting;

/**
 * Settings a supervisor may set for their team through the collector (issue #6). Deployment
 * settings (collector address and token, hash secret, adapters, hosts, agent ids) stay with the
 * admin's managed policy: `MANAGED_ONLY_SETTING_NAMES`.
 */
export const TEAM_SETTINGS = {
  trackingEnabled: teamSetting({
    schema: z.boolean(),
    default: true,
    description: 'Measure which tool is in front and context switches (issue #3).',
  }),
  countInAppTabSwitches: teamSetting({
    schema: z.boolean(),
    default: true,
    description: 'Also count changes between tabs of the same app (reported apart from switches).',
  }),
  idleThresholdSeconds: teamSetting({
    schema: z.number().int().min(15).max(3600),
    default: 60,
    description: 'Seconds without input after which the agent counts as idle.',
  }),
  trackedApps: teamSetting({
    schema: z.union([z.literal('all'), z.array(appIdSchema).max(200)]),
    default: 'all' as 'all' | string[],
    description: 'App ids whose time is measured; others count as "other".',
  }),
  catalogueAdditions: teamSetting({
    schema: z.array(catalogueEntrySchema).max(100),
    default: [] as CatalogueAddition[],
    description: 'In-house tools to recognise by address, with a category.',
  }),
  allowPause: teamSetting({
    schema: z.boolean(),
    default: true,
    description: 'Let agents pause measurement from the popup (a pause is recorded as a gap).',
  }),
  prompts: teamSetting({
    schema: promptSettingsSchema,
    default: DEFAULT_PROMPT_SETTINGS,
    description:
      'Effort prompts: triggers, sampling, minimum handle time, gap, caps, quiet hours, snooze, deferral, scale, reasons (issue #4).',
  }),
  identityMode: teamSetting({
    schema: z.enum(IDENTITY_MODES),
    default: 'pseudonymous' as IdentityMode,
    description:
      'identified: events carry agentId; pseudonymous: a stable random id; anonymous: no agent id.',
  }),
  minGroupSize: teamSetting({
    schema: z.number().int().min(3).max(100),
    default: 5,
    description: 'Reports never show a group with fewer people or interactions than this.',
  }),
  retentionDays: teamSetting({
    schema: z.number().int().min(1).max(90),
    default: 7,
    description:
      'Days customer contexts, raw focus segments, effort prompts and synced events stay in the browser.',
  }),
} as const;

export type TeamSettingName = keyof typeof TEAM_SETTINGS;

/**
 * The floor under `minGroupSize` that only an admin sets (issue #14): reports apply
 * max(floor, minGroupSize), so a supervisor can raise the minimum but never lower it below this.
 */
export const MIN_GROUP_SIZE_FLOOR_DEFAULT = 5;
export const minGroupSizeFloorSchema = z.number().int().min(3).max(100);
/** The team policy key that holds the floor; only an admin token may write it. */
export const MIN_GROUP_SIZE_FLOOR_KEY = 'minGroupSizeFloor';

/** The floor in force for a stored team policy: the admin's, or the default. */
export function minGroupSizeFloorOf(policy: Record<string, unknown>): number {
  const parsed = minGroupSizeFloorSchema.safeParse(policy[MIN_GROUP_SIZE_FLOOR_KEY]);
  return parsed.success ? parsed.data : MIN_GROUP_SIZE_FLOOR_DEFAULT;
}

/** The team's minimum group size in a stored team policy: the supervisor's, or the default. */
export function minGroupSizeOf(policy: Record<string, unknown>): number {
  const parsed = TEAM_SETTINGS.minGroupSize.schema.safeParse(policy.minGroupSize);
  return parsed.success ? parsed.data : TEAM_SETTINGS.minGroupSize.default;
}
export const TEAM_SETTING_NAMES = Object.keys(TEAM_SETTINGS) as TeamSettingName[];
export type TeamPolicyValues = {
  -readonly [K in TeamSettingName]?: z.infer<(typeof TEAM_SETTINGS)[K]['schema']>;
};

/** Settings only the admin's managed policy sets; named so a supervisor's attempt is explained. */
export const MANAGED_ONLY_SETTING_NAMES = [
  'storeOtherDomains',
  'inHouseDomains',
  'interactionEndTriggers',
  'recordHashSecret',
  'defaultCallingCode',
  'idLinks',
  'adapterHosts',
  'collectorUrl',
  'collectorToken',
  'syncIntervalMinutes',
  'teamPolicyRefreshMinutes',
  'syncBackoffCapSeconds',
  'agentId',
  'customAdapters',
  'adapterBuilder',
] as const;
const MANAGED_ONLY = new Set<string>(MANAGED_ONLY_SETTING_NAMES);

export const isTeamSetting = (name: string): name is TeamSettingName =>
  Object.hasOwn(TEAM_SETTINGS, name);

/** Whole-value problems read "name: …"; a part's path follows the name: "prompts.maxPerDay: …". */
const pathSeparator = (parsed: unknown, problem: string) =>
  parsed === undefined ? ': ' : problem.startsWith('[') ? '' : '.';

/**
 * Validates a team policy value by value, and each value part by part: an invalid or non-team
 * setting, or one bad field inside a setting, is left out with a diagnostic naming it, so one bad
 * value never discards the rest.
 */
export function parseTeamPolicyValues(raw: Record<string, unknown>): {
  values: TeamPolicyValues;
  diagnostics: string[];
  /** The admin's floor under `minGroupSize`, when the policy names one. */
  minGroupSizeFloor?: number;
} {
  const values: Record<string, unknown> = {};
  const diagnostics: string[] = [];
  let minGroupSizeFloor: number | undefined;
  for (const [name, value] of Object.entries(raw)) {
    if (name === MIN_GROUP_SIZE_FLOOR_KEY) {
      const parsed = minGroupSizeFloorSchema.safeParse(value);
      if (parsed.success) minGroupSizeFloor = parsed.data;
      else diagnostics.push(`${name}: ${describeIssues(parsed.error)}`);
      continue;
    }
    if (!isTeamSetting(name)) {
      diagnostics.push(
        MANAGED_ONLY.has(name)
          ? `${name}: not a team setting (only the admin's managed policy sets it)`
          : `${name}: unknown setting`,
      );
      continue;
    }
    const { value: parsed, problems } = parseLeniently(TEAM_SETTINGS[name].schema, value);
    if (parsed !== undefined) values[name] = parsed;
    diagnostics.push(
      ...problems.map((problem) => `${name}${pathSeparator(parsed, problem)}${problem}`),
    );
  }
  return {
    values: values as TeamPolicyValues,
    diagnostics,
    ...(minGroupSizeFloor !== undefined && { minGroupSizeFloor }),
  };
}
