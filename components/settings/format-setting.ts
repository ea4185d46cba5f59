import { t } from '@/lib/i18n';
import type { SettingSource } from '@/lib/settings/sources';
import type { MessageKey } from '@/lib/i18n';
import { SECRET_MARK } from '@/lib/messaging/settings-requests';

const SOURCE_KEYS = {
  managed: 'sourceManaged',
  team: 'sourceTeam',
  agent: 'sourceAgent',
  default: 'sourceDefault',
} as const satisfies Record<SettingSource, MessageKey>;

export const sourceLabel = (source: SettingSource) => t(SOURCE_KEYS[source]);

const IDENTITY_KEYS = {
  identified: 'identityIdentified',
  pseudonymous: 'identityPseudonymous',
  anonymous: 'identityAnonymous',
} as const satisfies Record<string, MessageKey>;

/** Values that read as words in the UI language; others are shown as they are set (code). */
function valueInWords(value: unknown, name?: string): string | undefined {
  if (value === undefined || value === null) return t('valueNotSet');
  if (value === SECRET_MARK) return t('valueSecretSet');
  if (typeof value === 'boolean') return t(value ? 'valueOn' : 'valueOff');
  if (name === 'identityMode' && typeof value === 'string' && Object.hasOwn(IDENTITY_KEYS, value))
    return t(IDENTITY_KEYS[value as keyof typeof IDENTITY_KEYS]);
  if (name === 'trackedApps' && value === 'all') return t('valueAllApps');
  return undefined;
}

/** Whether a setting's value is shown in words (else as code: numbers, text, JSON as set). */
export const settingValueInWords = (value: unknown, name?: string) =>
  valueInWords(value, name) !== undefined;

/** A value as one short line: on/off, numbers and text as they are, lists and objects as JSON. */
export function formatSettingValue(value: unknown, name?: string): string {
  const words = valueInWords(value, name);
  if (words !== undefined) return words;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}…` : json;
}
