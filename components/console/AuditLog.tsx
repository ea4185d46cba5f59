import { formatRelativeTime, t } from '@/lib/i18n';
import type { AuditEntry } from '@/contract/api';
import { formatSettingValue } from '../settings/format-setting';
import { settingLabel } from '@/lib/settings/labels';
import { ADAPTERS_AUDIT_SETTING } from '@/contract/adapter-definitions';

/** Every change to the team policy as the collector audited it: who, when, old → new. */
export function AuditLog({ entries, now }: { entries: AuditEntry[]; now: number }) {
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('auditLog')}</h2>
      {entries.length === 0 ? (
        <p>{t('auditLogEmpty')}</p>
      ) : (
        <table data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">{t('columnWhen')}</th>
              <th scope="col">{t('columnWho')}</th>
              <th scope="col">{t('columnSetting')}</th>
              <th scope="col">{t('columnChange')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={`${entry.at}-${entry.setting}-${index}`}>
                <td title={entry.at}>{formatRelativeTime(Date.parse(entry.at), now)}</td>
                <td>{entry.actor}</td>
                <td>
                  {entry.setting === ADAPTERS_AUDIT_SETTING
                    ? t('adapterDefinitionsAudit')
                    : settingLabel(entry.setting)}
                </td>
                <td>
                  <code>{formatSettingValue(entry.oldValue)}</code> →{' '}
                  <code>{formatSettingValue(entry.newValue)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
