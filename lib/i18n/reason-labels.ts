import type { EffortReason } from '../../contract/prompt-settings';
import { t, type MessageKey } from './translate';

const REASON_KEYS = {
  'too-many-tools': 'reasonTooManyTools',
  'missing-information': 'reasonMissingInformation',
  'slow-system': 'reasonSlowSystem',
  policy: 'reasonPolicy',
  'unclear-process': 'reasonUnclearProcess',
  other: 'reasonSomethingElse',
} as const satisfies Record<EffortReason, MessageKey>;

/** An effort reason chip's label in the UI language (prompt and report); an unknown id as it is. */
export function reasonLabel(reason: string): string {
  return Object.hasOwn(REASON_KEYS, reason) ? t(REASON_KEYS[reason as EffortReason]) : reason;
}
