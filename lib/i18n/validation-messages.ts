import type { z } from 'zod';
import { issueFacts, type IssueFacts } from '../../contract/validation';
import { code, plainText, prose, type TextSegment } from './text-segments';
import { t, type MessageKey, type SubstitutionsFor } from './translate';

/** A message without placeholders: a setting's own words for its format. */
export type HintKey = { [K in MessageKey]: SubstitutionsFor<K> extends [] ? K : never }[MessageKey];

/**
 * Our schemas' own English messages (custom rules, patterns), each with its catalogue message.
 * A message missing here reads as the generic "not valid" or "not in the expected format", never
 * as English (issue #17); validation-messages.test.ts checks the schemas' messages are all here.
 */
export const CUSTOM_MESSAGE_KEYS: Readonly<Record<string, HintKey>> = {
  'must be a country calling code such as 49': 'validationCallingCode',
  'must look like app:id': 'validationAppIdPair',
  'must be an https:// address (http:// only on localhost or 127.0.0.1)': 'validationHttpsAddress',
  'is not a valid regular expression': 'validationRegex',
  'may take exponential time on some text: a repetition inside a repetition, (x+)+, or one whose rounds can split a text two ways, (a|aa)+':
    'validationSlowRegex',
  'may take seconds on long text: repetitions in a row that can match the same characters, .*.*=x or (.+)\\s+(.+)@, try every split of the text; end each where the next part begins, with a negated class such as ([^@]+)@':
    'validationPolynomialRegex',
  'is not a valid CSS selector': 'validationCssSelector',
  'names a group the url pattern does not have': 'validationMissingGroup',
  'is read only with read: "attribute"': 'validationAttributeNeedsRead',
  'must be a dotted path such as ticket.status': 'validationDottedPath',
  'must be a path on the same origin: one / first (//host is another site), no backslash':
    'validationSameOriginPath',
  'must start with https:// or {origin}': 'validationLinkTemplate',
  'needs at least one host pattern': 'validationNeedsHost',
  'names an adapter more than once': 'validationRepeatedAdapter',
  'app id must be 2-40 characters: lower-case letters, digits, -': 'validationAppId',
  'must be a match pattern such as https://*.example.com/*': 'validationHostPattern',
  'must not end its host with a dot: https://intranet.example.com/* without the last "."':
    'validationHostTrailingDot',
  'must be a local time HH:MM between 00:00 and 23:59': 'validationLocalTime',
  'start and end must differ (switch prompts off to silence the whole day)':
    'validationQuietHoursDiffer',
  'must not repeat a reason': 'validationRepeatedReason',
  'must not contain the NUL character (U+0000)': 'validationNulCharacter',
  'must not contain an unpaired UTF-16 surrogate': 'validationLoneSurrogate',
  'must be a token printed by "collector token create"': 'validationCollectorToken',
  'must be a domain such as acme.com, without https://, *. or a path': 'validationDomainBare',
  'must be a domain such as acme.com (letters, digits, hyphens and dots)': 'validationDomain',
  'must not contain control characters (tabs, line breaks, escapes, text direction)':
    'validationNoControlCharacters',
  'must not start or end with a space': 'validationNoEdgeSpace',
};

const EXPECTED_KEYS: Partial<Record<string, HintKey>> = {
  int: 'validationWholeNumber',
  number: 'validationNumber',
  string: 'validationText',
  boolean: 'validationBoolean',
  array: 'validationList',
  object: 'validationObject',
};

const COUNTED_ORIGINS = new Set(['array', 'set']);

function bound(issue: IssueFacts, side: 'min' | 'max'): TextSegment[] {
  const limit = (side === 'min' ? issue.minimum : issue.maximum) ?? 0;
  if (issue.origin === 'string') {
    if (side === 'min')
      return [prose(limit <= 1 ? t('validationNotEmpty') : t('validationTooShort', limit))];
    return [prose(t('validationTooLong', limit))];
  }
  if (issue.origin !== undefined && COUNTED_ORIGINS.has(issue.origin)) {
    if (side === 'min')
      return [prose(limit <= 1 ? t('validationNotEmpty') : t('validationTooFewEntries', limit))];
    return [prose(t('validationTooManyEntries', limit))];
  }
  if (issue.inclusive === false)
    return [prose(side === 'min' ? t('validationAbove', limit) : t('validationBelow', limit))];
  return [prose(side === 'min' ? t('validationTooSmall', limit) : t('validationTooBig', limit))];
}

/** Values or keys a person types, as code between commas. */
const codeList = (values: readonly string[]): TextSegment[] =>
  values.flatMap((value, index) => (index === 0 ? [code(value)] : [prose(', '), code(value)]));

/**
 * One zod issue in the UI language (issue #17: zod's English never reaches a person): our own
 * rules by their message, else the rule in words (a number's bounds, a text's length, the type
 * expected, the allowed values, a format), else a generic "not valid". `hintKey` names a
 * setting's own format where the issue says nothing more specific.
 */
export function issueInWords(issue: IssueFacts, hintKey?: HintKey): TextSegment[] {
  const custom = Object.hasOwn(CUSTOM_MESSAGE_KEYS, issue.message)
    ? CUSTOM_MESSAGE_KEYS[issue.message]
    : undefined;
  if (custom) return [prose(t(custom))];
  switch (issue.code) {
    case 'too_small':
      return bound(issue, 'min');
    case 'too_big':
      return bound(issue, 'max');
    case 'invalid_type': {
      if (issue.missing) return [prose(t('validationRequired'))];
      const expected = issue.expected === undefined ? undefined : EXPECTED_KEYS[issue.expected];
      const key = expected ?? hintKey;
      return [prose(t(key ?? 'validationInvalid'))];
    }
    case 'invalid_value':
      return [prose(`${t('validationOneOfThese')} `), ...codeList(issue.values ?? [])];
    case 'unrecognized_keys':
      return [prose(`${t('validationUnknownKeys')} `), ...codeList(issue.keys ?? [])];
    case 'invalid_format':
      if (hintKey) return [prose(t(hintKey))];
      if (issue.format === 'url') return [prose(t('validationUrl'))];
      if (issue.format === 'email') return [prose(t('validationEmail'))];
      return [prose(t('validationFormat'))];
    default:
      return [prose(t(hintKey ?? 'validationInvalid'))];
  }
}

/**
 * What was wrong with a value, in the UI language, as one line (form fields): the first issue in
 * words (see `issueInWords`).
 */
export function describeIssuesInWords(error: z.ZodError, hintKey?: HintKey): string {
  const issue = error.issues[0];
  if (!issue) return t('validationInvalid');
  // One line of prose: the allowed values read best in the sentence.
  if (issue.code === 'invalid_value')
    return t('validationOneOf', issue.values.map(String).join(', '));
  return plainText(issueInWords(issueFacts(issue), hintKey));
}
