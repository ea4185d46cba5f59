import { z } from 'zod';
import { describeIssueSummary, issueSummarySchema } from '../../contract/validation';

// Issue #17: a policy problem is data, so the options page can say it in the reader's language
// (lib/i18n/policy-problem-text.ts). The English lines for logs, tests and the console's check
// are derived from the same data here, by one formatter.

/**
 * Whose value it was: the admin's managed policy, the team policy, the agent's own choice, the
 * collector's adapter definitions.
 */
export const PROBLEM_SOURCES = ['managed', 'team', 'agent', 'collector'] as const;

/** What was wrong. */
export const problemReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknownSetting') }),
  z.object({ kind: z.literal('unknownField') }),
  z.object({ kind: z.literal('notTeamSetting') }),
  z.object({ kind: z.literal('notAgentSetting') }),
  z.object({ kind: z.literal('lockedByAdmin') }),
  z.object({ kind: z.literal('notObject') }),
  z.object({
    kind: z.literal('notList'),
    of: z.enum(['settingNames', 'adapterDefinitions', 'appIds']),
  }),
  /** `detail`: the JSON parser's own (English) words, shown as code. */
  z.object({ kind: z.literal('notJson'), detail: z.string() }),
  z.object({ kind: z.literal('duplicateId') }),
  z.object({
    kind: z.literal('newerVersion'),
    version: z.number().int(),
    current: z.number().int(),
  }),
  z.object({ kind: z.literal('invalid'), ...issueSummarySchema.shape }),
  /** Stored values that are not readable at all (the agent's choices, a cached collector answer). */
  z.object({ kind: z.literal('unreadable') }),
  /** A collector adapter or override for an adapter the managed policy or the collector replaces. */
  z.object({ kind: z.literal('shadowed'), by: z.enum(['managed', 'collector']) }),
  /** A collector override for an adapter that is not built in. */
  z.object({ kind: z.literal('noBuiltIn') }),
  /** Addresses (`adapterHosts`) for an adapter id that no adapter in force has: a typo. */
  z.object({ kind: z.literal('noSuchAdapter') }),
  /** A managed object that sets nothing: empty, or emptied by the browser's schema check. */
  z.object({ kind: z.literal('setsNothing') }),
  /** A managed list whose every entry was wrong: the empty list applies. */
  z.object({ kind: z.literal('noEntryLeft') }),
  /** A team's catalogue addition for a host outside the admin's `inHouseDomains`. */
  z.object({ kind: z.literal('outsideInHouseDomains') }),
  /**
   * A managed value that only the collector can apply (`minGroupSize`: reports are built there,
   * from the team policy, whose admin floor is `minGroupSizeFloor`).
   */
  z.object({ kind: z.literal('setAtCollector') }),
  /** A managed or locked `prompts.scale`: reports count answers on the team policy's scale only. */
  z.object({ kind: z.literal('scaleInTeamPolicy') }),
]);
export type ProblemReason = z.infer<typeof problemReasonSchema>;

/**
 * What applies instead: a fallback value (`default`, `team`, `agent`, `managed`), nothing (the
 * value, list entry or adapter is ignored), every default (the whole policy), or, for a managed
 * value that cannot be read where the default would collect more than the admin likely meant,
 * the most private reading (`private…`: measuring off, no app measured by name, anonymous).
 */
export const PROBLEM_OUTCOMES = [
  'default',
  'team',
  'agent',
  'managed',
  'ignored',
  'entryIgnored',
  'adapterIgnored',
  'defaults',
  'privateTrackingOff',
  'privateNoApps',
  'privateAnonymous',
] as const;
export type ProblemOutcome = (typeof PROBLEM_OUTCOMES)[number];

/** One ignored value, naming its source, where it is and what applies instead. */
export const policyProblemSchema = z.object({
  source: z.enum(PROBLEM_SOURCES),
  /** As the admin writes it: "prompts.maxPerDay", "customAdapters[1]"; '' for the whole policy. */
  path: z.string(),
  /** The id of the custom adapter or catalogue entry, when it has one. */
  adapterId: z.string().optional(),
  /** The offending entry of a list of names ("lockedSettings": the unknown name). */
  entry: z.string().optional(),
  reason: problemReasonSchema,
  /** Absent where the problem says nothing of what applies (an unknown name in a list). */
  outcome: z.enum(PROBLEM_OUTCOMES).optional(),
});
export type PolicyProblem = z.infer<typeof policyProblemSchema>;

const SOURCE_PREFIX = {
  managed: '',
  team: 'team policy: ',
  agent: 'your choice: ',
  collector: '',
} as const satisfies Record<PolicyProblem['source'], string>;

const OUTCOME_TEXT = {
  default: 'using the default',
  team: "using the team policy's value",
  agent: 'using your own choice',
  managed: "using the admin's value",
  ignored: 'ignored',
  entryIgnored: 'entry ignored',
  adapterIgnored: 'adapter ignored',
  defaults: 'using defaults',
  privateTrackingOff: 'measuring is off (the most private reading)',
  privateNoApps: 'no app is measured by name (the most private reading)',
  privateAnonymous: 'using anonymous (the most private mode)',
} as const satisfies Record<ProblemOutcome, string>;

function reasonInEnglish(reason: ProblemReason): string {
  switch (reason.kind) {
    case 'unknownSetting':
      return 'unknown setting';
    case 'unknownField':
      return 'unknown field';
    case 'notTeamSetting':
      return "not a team setting (only the admin's managed policy sets it)";
    case 'notAgentSetting':
      return 'not a setting agents may change';
    case 'lockedByAdmin':
      return 'locked by the admin';
    case 'notObject':
      return 'must be an object';
    case 'notList':
      return {
        settingNames: 'must be a list of setting names',
        adapterDefinitions: 'must be a list of adapter definitions',
        appIds: 'must be "all" or a list of app ids',
      }[reason.of];
    case 'notJson':
      return `not valid JSON (${reason.detail})`;
    case 'duplicateId':
      return 'duplicate id';
    case 'newerVersion':
      return `written by settings version ${reason.version}, newer than this extension's ${reason.current}: values it does not know are ignored`;
    case 'invalid':
      return describeIssueSummary(reason);
    case 'unreadable':
      return 'unreadable';
    case 'shadowed':
      return reason.by === 'managed'
        ? 'the managed policy defines this adapter, which wins'
        : 'a collector adapter replaces this adapter, which wins';
    case 'noBuiltIn':
      return 'no built-in adapter has this id';
    case 'noSuchAdapter':
      return 'no adapter in force has this id';
    case 'setsNothing':
      return 'sets nothing (the browser removes keys and values its policy schema does not allow)';
    case 'noEntryLeft':
      return 'no entry is valid, so the list in force is empty (for trackedApps: no app is measured by name)';
    case 'outsideInHouseDomains':
      return "outside the admin's inHouseDomains: a team policy may name only the organisation's own tools";
    case 'setAtCollector':
      return "reports are built by the collector: an admin's floor is minGroupSizeFloor in the team policy";
    case 'scaleInTeamPolicy':
      return "reports count effort answers on the team's scale only: set it as prompts.scale in the team policy";
  }
}

/**
 * A problem as the English line logs and the console show:
 * "team policy: prompts.maxPerDay: Too big: expected number to be <=200; using the default".
 */
export function describePolicyProblem(problem: PolicyProblem): string {
  const { source, path, adapterId, entry, reason, outcome } = problem;
  const where = [
    path || (source === 'managed' ? 'policy' : ''),
    adapterId === undefined ? '' : ` (${adapterId})`,
    entry === undefined ? '' : `: ${entry}`,
  ].join('');
  const line = `${SOURCE_PREFIX[source]}${where ? `${where}: ` : ''}${reasonInEnglish(reason)}`;
  return outcome ? `${line}; ${OUTCOME_TEXT[outcome]}` : line;
}
