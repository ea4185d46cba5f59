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

/** A value as one short line: on/off, numbers and text as they are, lists and objects as JSON. */
export function formatSettingValue(value: unknown): string {
  if (value === undefined || value === null) return t('valueNotSet');
  if (value === SECRET_MARK) return t('valueSecretSet');
  if (typeof value === 'boolean') return t(value ? 'valueOn' : 'valueOff');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}…` : json;
}
