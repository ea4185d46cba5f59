import { z } from 'zod';
import { adapterDefinitionSchema } from '../adapters/definition';
import { collectorTokenSchema } from '../../contract/api';
import { agentIdSchema, appIdSchema, hostPatternSchema } from '../../contract/ids';
import type { MANAGED_ONLY_SETTING_NAMES } from '../../contract/team-policy';
import { TEAM_SETTINGS, type TeamSettingName } from '../../contract/team-policy';
import type { EndTrigger } from '../tracking/config';
import { TRIGGER_FIELDS } from '../tracking/trigger-fields';

type Definition<T extends z.ZodType> = {
  schema: T;
  default: z.infer<T>;
  /** Whether an agent may change it for themselves (issue #6 adds the agent's choices). */
  agentAdjustable: boolean;
  /** What it does, for the options page and docs/admin.md. */
  description: string;
};

const define = <T extends z.ZodType>(definition: Definition<T>) => definition;

/**
 * A domain as admins write it: `acme.com` also covers `wiki.acme.com`. Case is ignored; an address,
 * a wildcard or a path is refused by name rather than read as something else.
 */
const inHouseDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .refine(
    (value) => !/[/:*]/.test(value),
    'must be a domain such as acme.com, without https://, *. or a path',
  )
  .refine(
    (value) =>
      /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(
        value,
      ),
    'must be a domain such as acme.com (letters, digits, hyphens and dots)',
  );

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Tokens travel in this URL's requests: HTTPS unless the collector is on this machine. */
const collectorUrlSchema = z
  .url()
  .refine((value) => {
    const url = new URL(value);
    return (
      url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
    );
  }, 'must be an https:// address (http:// only on localhost or 127.0.0.1)')
  .transform((value) => value.replace(/\/+$/, ''));

/**
 * Every setting, once: its schema, default, who may adjust it and what it does. The value in force
 * comes from managed policy, team policy, the agent's choice or the default (effective.ts).
 */
export const SETTINGS = {
  trackingEnabled: define({ ...TEAM_SETTINGS.trackingEnabled, agentAdjustable: false }),
  countInAppTabSwitches: define({ ...TEAM_SETTINGS.countInAppTabSwitches, agentAdjustable: false }),
  idleThresholdSeconds: define({ ...TEAM_SETTINGS.idleThresholdSeconds, agentAdjustable: false }),
  trackedApps: define({ ...TEAM_SETTINGS.trackedApps, agentAdjustable: false }),
  catalogueAdditions: define({ ...TEAM_SETTINGS.catalogueAdditions, agentAdjustable: false }),
  storeOtherDomains: define({
    schema: z.boolean(),
    default: false,
    agentAdjustable: false,
    description: 'Keep the domain of sites that are not a known app (off: they are just "other").',
  }),
  inHouseDomains: define({
    schema: z.array(inHouseDomainSchema).max(50),
    default: [] as string[],
    agentAdjustable: false,
    description:
      "The organisation's own domains (with their subdomains): a team policy's catalogueAdditions apply only to hosts in them, unless storeOtherDomains is on.",
  }),
  allowPause: define({ ...TEAM_SETTINGS.allowPause, agentAdjustable: false }),
  interactionEndTriggers: define({
    schema: z
      .array(
        z.object({
          app: appIdSchema,
          field: z.enum(TRIGGER_FIELDS),
          values: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
        }),
      )
      .max(20),
    default: [] as { app: string; field: EndTrigger['field']; values: string[] }[],
    agentAdjustable: false,
    description:
      'Admin-defined interaction ends: when a record field (status or priority) of an app changes to one of the values, the interaction ends and may prompt.',
  }),
  prompts: define({ ...TEAM_SETTINGS.prompts, agentAdjustable: false }),
  recordHashSecret: define({
    schema: z.string().min(16).max(200).optional(),
    default: undefined as string | undefined,
    agentAdjustable: false,
    description:
      'The team secret records are hashed with before upload (the collector holds it too).',
  }),
  minGroupSize: define({ ...TEAM_SETTINGS.minGroupSize, agentAdjustable: false }),
  retentionDays: define({ ...TEAM_SETTINGS.retentionDays, agentAdjustable: false }),
  defaultCallingCode: define({
    schema: z.string().regex(/^[1-9]\d{0,2}$/, 'must be a country calling code such as 49'),
    default: '1',
    agentAdjustable: true,
    description: 'Calling code for phone numbers written without one (to match customers).',
  }),
  idLinks: define({
    schema: z.array(
      z.array(z.string().regex(/^[a-z][a-z0-9-]+:.+$/, 'must look like app:id')).min(2),
    ),
    default: [] as string[][],
    agentAdjustable: false,
    description: 'Groups of app:customerId that are the same customer.',
  }),
  adapterHosts: define({
    schema: z.record(appIdSchema, z.array(hostPatternSchema).max(20)),
    default: {} as Record<string, string[]>,
    agentAdjustable: false,
    description: 'Addresses of self-hosted CRMs (osTicket) and extra domains of built-in ones.',
  }),
  collectorUrl: define({
    schema: collectorUrlSchema.optional(),
    default: undefined as string | undefined,
    agentAdjustable: false,
    description: 'Address of the collector events are synced to (HTTPS, or http on loopback).',
  }),
  collectorToken: define({
    schema: collectorTokenSchema.optional(),
    default: undefined as string | undefined,
    agentAdjustable: false,
    description: 'Bearer token for the collector (never logged, never shown in full).',
  }),
  syncIntervalMinutes: define({
    schema: z.number().int().min(1).max(60),
    default: 1,
    agentAdjustable: false,
    description: 'How often queued events are sent when nothing else triggers a sync.',
  }),
  teamPolicyRefreshMinutes: define({
    schema: z.number().int().min(1).max(60),
    default: 5,
    agentAdjustable: false,
    description:
      'How often the team policy is checked on the collector (a cheap request answered 304 when unchanged).',
  }),
  syncBackoffCapSeconds: define({
    schema: z.number().int().min(5).max(3600),
    default: 300,
    agentAdjustable: false,
    description: 'Longest wait between retries after collector or network errors.',
  }),
  identityMode: define({ ...TEAM_SETTINGS.identityMode, agentAdjustable: false }),
  agentId: define({
    schema: agentIdSchema.optional(),
    default: undefined as string | undefined,
    agentAdjustable: false,
    description: 'The agent id an admin assigns, used only in identified mode.',
  }),
  customAdapters: define({
    schema: z.array(adapterDefinitionSchema),
    default: [] as z.infer<typeof adapterDefinitionSchema>[],
    agentAdjustable: false,
    description: 'Adapters for in-house tools; each is validated on its own.',
  }),
  adapterBuilder: define({
    schema: z.boolean(),
    default: false,
    agentAdjustable: false,
    description:
      'Offer "Build adapter" in the side panel, to declare an in-house tool by clicking its fields (issue #16). For admins\' browsers only.',
  }),
} as const;

export type SettingName = keyof typeof SETTINGS;

// Every setting is either a team setting or a managed-only one, as the contract names them.
type ManagedOnlyName = (typeof MANAGED_ONLY_SETTING_NAMES)[number];
true satisfies [SettingName] extends [TeamSettingName | ManagedOnlyName] ? true : false;
true satisfies [TeamSettingName | ManagedOnlyName] extends [SettingName] ? true : false;
export type Settings = { -readonly [K in SettingName]: z.infer<(typeof SETTINGS)[K]['schema']> };

export function defaultSettings(): Settings {
  return Object.fromEntries(
    Object.entries(SETTINGS).map(([name, definition]) => [
      name,
      structuredClone(definition.default),
    ]),
  ) as Settings;
}
