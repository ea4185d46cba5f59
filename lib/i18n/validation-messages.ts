import type { z } from 'zod';
import { t, type MessageKey, type SubstitutionsFor } from './translate';

/** A message without placeholders: a setting's own words for its format. */
export type HintKey = { [K in MessageKey]: SubstitutionsFor<K> extends [] ? K : never }[MessageKey];

/**
 * What was wrong with a value, in the UI language (issue #17: zod's English never reaches a
 * person). Settings with a format of their own name it (`hintKey`); otherwise the first issue in
 * words: a number's bounds, a text's length, a whole number, one of a list, a format.
 */
export function describeIssuesInWords(error: z.ZodError, hintKey?: HintKey): string {
  const issue = error.issues[0];
  if (!issue) return t('validationInvalid');
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? t('validationTooShort', Number(issue.minimum))
        : t('validationTooSmall', Number(issue.minimum));
    case 'too_big':
      return issue.origin === 'string'
        ? t('validationTooLong', Number(issue.maximum))
        : t('validationTooBig', Number(issue.maximum));
    case 'invalid_type':
      if (issue.expected === 'int') return t('validationWholeNumber');
      if (issue.expected === 'number') return t('validationNumber');
      return hintKey ? t(hintKey) : t('validationInvalid');
    case 'invalid_value':
      return t('validationOneOf', issue.values.map(String).join(', '));
    case 'invalid_format':
      if (hintKey) return t(hintKey);
      if (issue.format === 'url') return t('validationUrl');
      if (issue.format === 'email') return t('validationEmail');
      return t('validationFormat');
    default:
      return hintKey ? t(hintKey) : t('validationInvalid');
  }
}
