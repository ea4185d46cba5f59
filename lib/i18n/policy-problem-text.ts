import type { PolicyProblem, ProblemOutcome, ProblemReason } from '../settings/policy-problems';
import { code, plainText, prose, type TextSegment } from './text-segments';
import { t, tPlural, type MessageKey } from './translate';
import { issueInWords } from './validation-messages';

// Issue #17: the options page's policy problems in the UI language. The setting paths, ids and
// entries are code (what the admin types); the rest comes from the catalogue.

const OUTCOME_KEYS = {
  default: 'policyOutcomeDefault',
  team: 'policyOutcomeTeam',
  agent: 'policyOutcomeAgent',
  managed: 'policyOutcomeManaged',
  ignored: 'policyOutcomeIgnored',
  entryIgnored: 'policyOutcomeEntryIgnored',
  adapterIgnored: 'policyOutcomeAdapterIgnored',
  defaults: 'policyOutcomeDefaults',
  privateTrackingOff: 'policyOutcomePrivateTrackingOff',
  privateNoApps: 'policyOutcomePrivateNoApps',
  privateAnonymous: 'policyOutcomePrivateAnonymous',
} as const satisfies Record<ProblemOutcome, MessageKey>;

const SIMPLE_REASON_KEYS = {
  unknownSetting: 'policyProblemUnknownSetting',
  unknownField: 'policyProblemUnknownField',
  notTeamSetting: 'policyProblemNotTeamSetting',
  notAgentSetting: 'policyProblemNotAgentSetting',
  lockedByAdmin: 'policyProblemLockedByAdmin',
  notObject: 'validationObject',
  duplicateId: 'policyProblemDuplicateId',
  unreadable: 'policyProblemUnreadable',
  noBuiltIn: 'policyProblemNoBuiltIn',
  noSuchAdapter: 'policyProblemNoSuchAdapter',
  setsNothing: 'policyProblemSetsNothing',
  noEntryLeft: 'policyProblemNoEntryLeft',
  outsideInHouseDomains: 'policyProblemOutsideInHouseDomains',
  setAtCollector: 'policyProblemSetAtCollector',
  scaleInTeamPolicy: 'policyProblemScaleInTeamPolicy',
} as const satisfies Partial<Record<ProblemReason['kind'], MessageKey>>;

const NOT_LIST_KEYS = {
  settingNames: 'policyProblemNotListOfSettings',
  adapterDefinitions: 'policyProblemNotListOfAdapters',
  appIds: 'policyProblemNotListOfAppIds',
} as const satisfies Record<Extract<ProblemReason, { kind: 'notList' }>['of'], MessageKey>;

const space = prose(' ');

function reasonInWords(reason: ProblemReason): TextSegment[] {
  switch (reason.kind) {
    case 'notList':
      return [prose(t(NOT_LIST_KEYS[reason.of]))];
    case 'notJson':
      return [prose(t('policyProblemNotJson')), space, code(reason.detail), prose('.')];
    case 'newerVersion':
      return [prose(t('policyProblemNewerVersion', reason.version, reason.current))];
    case 'invalid': {
      const issues = reason.issues.flatMap((issue, index) => [
        ...(index > 0 ? [space] : []),
        ...(issue.path ? [code(issue.path), prose(': ')] : []),
        ...issueInWords(issue),
      ]);
      const more =
        reason.more > 0 ? [space, prose(tPlural('policyProblemMoreIssues', reason.more))] : [];
      return [...issues, ...more];
    }
    case 'shadowed':
      return [
        prose(
          t(
            reason.by === 'managed'
              ? 'policyProblemShadowedByManaged'
              : 'policyProblemShadowedByCollector',
          ),
        ),
      ];
    default:
      return [prose(t(SIMPLE_REASON_KEYS[reason.kind]))];
  }
}

/** Where the problem is: its source, then the path (and adapter id) and entry as code. */
function placeOf({ source, path, adapterId, entry }: PolicyProblem): TextSegment[] {
  const from =
    source === 'team'
      ? [prose(t('policyProblemSourceTeam')), space]
      : source === 'agent'
        ? [prose(t('policyProblemSourceAgent')), space]
        : [];
  if (!path)
    return [
      prose(
        t(
          source === 'team'
            ? 'policyProblemWholeTeamPolicy'
            : source === 'agent'
              ? 'policyProblemWholeAgentChoices'
              : 'policyProblemWholePolicy',
        ),
      ),
    ];
  const where = code(adapterId === undefined ? path : `${path} (${adapterId})`);
  return [...from, where, ...(entry === undefined ? [] : [prose(': '), code(entry)])];
}

/**
 * A policy problem in the UI language, as prose and code:
 * `prompts.maxPerDay`: "Must be at most 200. The default applies."
 */
export function policyProblemInWords(problem: PolicyProblem): TextSegment[] {
  const outcome = problem.outcome ? [space, prose(t(OUTCOME_KEYS[problem.outcome]))] : [];
  return [...placeOf(problem), prose(': '), ...reasonInWords(problem.reason), ...outcome];
}

/** `policyProblemInWords` as one plain line. */
export const policyProblemText = (problem: PolicyProblem): string =>
  plainText(policyProblemInWords(problem));
