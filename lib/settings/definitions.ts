import { z } from 'zod';
import { adapterDefinitionSchema, hostPatternSchema } from '../adapters/definition';
import { APP_CATEGORIES } from '../apps/catalogue';
import { appIdSchema } from '../context/record-context';
import { TRIGGER_FIELDS, type EndTrigger } from '../tracking/config';
import { DEFAULT_PROMPT_SETTINGS, promptSettingsSchema } from '../feedback/prompt-settings';
import { IDENTITY_MODES, type IdentityMode } from '../sync/collector-api';

type Definition<T extends z.ZodType> = {
  schema: T;
  default: z.infer<T>;
  /** Whether an agent may change it for themselves (issue #6 adds the agent's choices). */
  agentAdjustable: boolean;
  /** What it does, for the options page and docs/admin.md. */
  description: string;
};

const define = <T extends z.ZodType>(definition: Definition<T>) => definition;

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

const catalogueEntrySchema = z.object({
  id: appIdSchema,
  name: z.string().min(1).max(80),
  category: z.enum(APP_CATEGORIES),
  hosts: z.array(hostPatternSchema).min(1).max(20),
});

/**
 * Every setting, once: its schema, default, who may adjust it and what it does. The value in force
 * comes from managed policy, team policy, the agent's choice or the default (effective.ts).
 */
export const SETTINGS = {
  trackingEnabled: define({
    schema: z.boolean(),
    default: true,
    agentAdjustable: false,
    description: 'Measure which tool is in front and context switches (issue #3).',
  }),
  countInAppTabSwitches: define({
    schema: z.boolean(),
    default: true,
    agentAdjustable: false,
    description: 'Also count changes between tabs of the same app (reported apart from switches).',
  }),
  idleThresholdSeconds: define({
    schema: z.number().int().min(15).max(3600),
    default: 60,
    agentAdjustable: false,
    description: 'Seconds without input after which the agent counts as idle.',
  }),
  trackedApps: define({
    schema: z.union([z.literal('all'), z.array(appIdSchema).max(200)]),
    default: 'all' as 'all' | string[],
    agentAdjustable: false,
    description: 'App ids whose time is measured; others count as "other".',
  }),
  catalogueAdditions: define({
    schema: z.array(catalogueEntrySchema).max(100),
    default: [] as z.infer<typeof catalogueEntrySchema>[],
    agentAdjustable: false,
    description: 'In-house tools to recognise by address, with a category.',
  }),
  storeOtherDomains: define({
    schema: z.boolean(),
    default: false,
    agentAdjustable: false,
    description: 'Keep the domain of sites that are not a known app (off: they are just "other").',
  }),
  allowPause: define({
    schema: z.boolean(),
    default: true,
    agentAdjustable: false,
    description: 'Let agents pause measurement from the popup (a pause is recorded as a gap).',
  }),
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
  prompts: define({
    schema: promptSettingsSchema,
    default: DEFAULT_PROMPT_SETTINGS,
    agentAdjustable: false,
    description:
      'Effort prompts: triggers, sampling, minimum handle time, gap, caps, quiet hours, snooze, deferral, scale, reasons (issue #4).',
  }),
  recordHashSecret: define({
    schema: z.string().min(16).max(200).optional(),
    default: undefined as string | undefined,
    agentAdjustable: false,
    description:
      'The team secret records are hashed with before upload (the collector holds it too).',
  }),
  minGroupSize: define({
    schema: z.number().int().min(3).max(100),
    default: 5,
    agentAdjustable: false,
    description: 'Reports never show a group with fewer people or interactions than this.',
  }),
  retentionDays: define({
    schema: z.number().int().min(1).max(90),
    default: 7,
    agentAdjustable: false,
    description: 'Days customer contexts and raw focus segments stay in the browser.',
  }),
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
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_-]{20,200}$/, 'must be a token printed by "collector token create"')
      .optional(),
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
  identityMode: define({
    schema: z.enum(IDENTITY_MODES),
    default: 'pseudonymous' as IdentityMode,
    agentAdjustable: false,
    description:
      'identified: events carry agentId; pseudonymous: a stable random id; anonymous: no agent id.',
  }),
  agentId: define({
    schema: z.string().min(1).max(100).optional(),
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
} as const;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { -readonly [K in SettingName]: z.infer<(typeof SETTINGS)[K]['schema']> };

export function defaultSettings(): Settings {
  return Object.fromEntries(
    Object.entries(SETTINGS).map(([name, definition]) => [
      name,
      structuredClone(definition.default),
    ]),
  ) as Settings;
}
