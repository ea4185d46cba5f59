import { useState } from 'react';
import { t } from '@/lib/i18n';
import type { SettingEntry } from '@/lib/messaging/settings-requests';
import { settingLabel } from '@/lib/settings/labels';
import { formatSettingValue } from './format-setting';
import { SourceBadges } from './SourceBadges';

type Props = {
  entries: SettingEntry[];
  /** Set (or with `undefined`, reset) the agent's own choice. */
  onChoose: (name: string, value: unknown) => void;
};

/** Every setting in force with its source and lock; agent-adjustable ones are editable here. */
export function SettingsTable({ entries, onChoose }: Props) {
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsInForce')}</h2>
      <p className="muted">{t('settingsInForceNote')}</p>
      <table className="settings-table">
        <thead>
          <tr>
            <th scope="col">{t('columnSetting')}</th>
            <th scope="col">{t('columnValue')}</th>
            <th scope="col">{t('columnSource')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.name} data-testid={`setting-${entry.name}`}>
              <th scope="row">
                {settingLabel(entry.name)}
                <div className="muted setting-name">{entry.name}</div>
              </th>
              <td>
                {entry.agentAdjustable ? (
                  // Keyed by the value: a reset or a change elsewhere starts a fresh draft.
                  <AgentChoice
                    key={JSON.stringify(entry.value)}
                    entry={entry}
                    onChoose={onChoose}
                  />
                ) : (
                  <span className="value">{formatSettingValue(entry.value)}</span>
                )}
              </td>
              <td>
                <SourceBadges name={entry.name} state={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AgentChoice({ entry, onChoose }: { entry: SettingEntry; onChoose: Props['onChoose'] }) {
  const [draft, setDraft] = useState(String(entry.value ?? ''));
  const label = settingLabel(entry.name);
  if (typeof entry.value === 'boolean') {
    return (
      <input
        type="checkbox"
        aria-label={label}
        checked={entry.value}
        disabled={entry.locked}
        onChange={(event) => onChoose(entry.name, event.target.checked)}
      />
    );
  }
  const numeric = typeof entry.value === 'number';
  return (
    <form
      className="agent-choice"
      onSubmit={(event) => {
        event.preventDefault();
        onChoose(entry.name, numeric ? Number(draft) : draft);
      }}
    >
      <input
        type={numeric ? 'number' : 'text'}
        aria-label={label}
        value={draft}
        disabled={entry.locked}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit" disabled={entry.locked}>
        {t('save')}
      </button>
      {entry.source === 'agent' && (
        <button type="button" onClick={() => onChoose(entry.name, undefined)}>
          {t('resetToDefault')}
        </button>
      )}
    </form>
  );
}
