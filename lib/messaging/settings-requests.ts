import { z } from 'zod';
import { SETTING_SOURCES } from '../settings/sources';
import { teamPolicyStatusSchema } from '../settings/team-policy-sync';
import {
  auditEntrySchema,
  installListSchema,
  installSchema,
  teamPolicySchema,
  whoamiSchema,
} from '../../contract/api';

// Issue #6: settings, the collector connection, the supervisor console and the agent's local
// data. All privileged: only extension pages may send them (the token never leaves the background).

/** Stands for a secret setting's value in what pages receive: only that one is set. */
export const SECRET_MARK = '(set)';

const settingEntrySchema = z.object({
  name: z.string(),
  /** The value in force; secrets (token, hash secret) are replaced by a mark that one is set. */
  value: z.unknown().optional(),
  source: z.enum(SETTING_SOURCES),
  locked: z.boolean(),
  agentAdjustable: z.boolean(),
  /** A supervisor may set it in the team policy. */
  teamLevel: z.boolean(),
});
export type SettingEntry = z.infer<typeof settingEntrySchema>;

const consoleAccessSchema = z.discriminatedUnion('access', [
  z.object({
    access: z.literal('granted'),
    whoami: whoamiSchema,
    /** The console uses a token the supervisor signed in with (this browser session only). */
    signedIn: z.boolean(),
    policy: teamPolicySchema,
    etag: z.string().nullable(),
    audit: z.array(auditEntrySchema),
    settings: z.array(settingEntrySchema),
  }),
  z.object({
    access: z.literal('denied'),
    reason: z.enum(['not-configured', 'role', 'unreachable']),
    role: z.string().nullable(),
    error: z.string().nullable(),
  }),
]);
export type ConsoleAccess = z.infer<typeof consoleAccessSchema>;

export const SETTINGS_REQUESTS = {
  /** Options page: every setting in force with its source and lock, and the collector's state. */
  'settings.get': {
    from: 'extension',
    request: z.object({}),
    response: z.object({
      settings: z.array(settingEntrySchema),
      diagnostics: z.array(z.string()),
      collector: z.object({
        url: z.string().nullable(),
        tokenConfigured: z.boolean(),
        lastCheck: teamPolicyStatusSchema.nullable(),
        teamPolicy: z
          .object({
            team: z.string(),
            version: z.number(),
            fetchedAt: z.number(),
            recordHashCheck: z.string().nullable(),
          })
          .nullable(),
        /** Whether the record-hash secret in force is the collector team's (record-hash-check.ts). */
        recordHashSecret: z.enum(['matches', 'differs', 'notSet', 'unchecked']),
      }),
    }),
  },
  /** The agent sets (or, without `value`, resets) an agent-adjustable setting that is not locked. */
  'settings.setAgentChoice': {
    from: 'extension',
    request: z.object({ name: z.string().max(100), value: z.unknown().optional() }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** "Refresh now" and tests: check the team policy on the collector at once. */
  'settings.refreshTeamPolicy': {
    from: 'extension',
    request: z.object({}),
    response: teamPolicyStatusSchema,
  },
  /** "Test connection": who the configured token is on the collector (never the token itself). */
  'collector.test': {
    from: 'extension',
    request: z.object({}),
    response: z.union([
      z.object({ ok: z.literal(true), whoami: whoamiSchema }),
      z.object({ ok: z.literal(false), error: z.string() }),
    ]),
  },
  /** Supervisor console: the team policy, its audit and the locks, when the token may edit it. */
  'console.load': {
    from: 'extension',
    request: z.object({}),
    response: consoleAccessSchema,
  },
  /** A supervisor whose deployed token is an agent's signs in with their own for this session. */
  'console.signIn': {
    from: 'extension',
    request: z.object({ token: z.string().max(200) }),
    response: consoleAccessSchema,
  },
  'console.signOut': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Saves the whole team policy if nobody saved since `etag`; locked settings are refused. */
  'console.save': {
    from: 'extension',
    request: z.object({ policy: z.record(z.string(), z.unknown()), etag: z.string().nullable() }),
    response: z.object({ status: z.enum(['saved', 'conflict']) }),
  },
  /** Admins: the team's enrolled browser installs (issue #13), revoked ones included. */
  'console.installs': {
    from: 'extension',
    request: z.object({}),
    response: installListSchema,
  },
  /** Admins: revokes one install's credential; it must enrol again to send events. */
  'console.revokeInstall': {
    from: 'extension',
    request: z.object({ id: z.string().min(1).max(100) }),
    response: installSchema,
  },
  /** Options diagnostics: the web page in front, the adapter that read it and by which selectors. */
  'diagnostics.tab': {
    from: 'extension',
    request: z.object({}),
    response: z
      .object({
        url: z.string(),
        appName: z.string().nullable(),
        matchedBy: z.record(z.string(), z.string()),
      })
      .nullable(),
  },
  /** Before "delete all my local data": what would go, and how much of it was never sent. */
  'localData.summary': {
    from: 'extension',
    request: z.object({}),
    response: z.object({
      unsyncedEvents: z.number().int().nonnegative(),
      tables: z.record(z.string(), z.number().int().nonnegative()),
    }),
  },
  /** "Export all my local data": every table and the extension's local storage, as JSON. */
  'localData.export': {
    from: 'extension',
    request: z.object({}),
    response: z.object({
      exportedAt: z.string(),
      database: z.record(z.string(), z.array(z.unknown())),
      storage: z.record(z.string(), z.unknown()),
    }),
  },
  'localData.delete': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ deleted: z.literal(true) }),
  },
} as const;
