import { useId, useState } from 'react';
import { t } from '@/lib/i18n';
import { describeIssuesInWords, type HintKey } from '@/lib/i18n/validation-messages';
import { SETTINGS } from '@/lib/settings/definitions';
import type { SettingEntry } from '@/lib/messaging/settings-requests';
import { settingLabel } from '@/lib/settings/labels';
import { formatSettingValue, settingValueInWords } from './format-setting';
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
                {/* The policy key, as admins write it (code, not prose). */}
                <div className="muted setting-name">
                  <code>{entry.name}</code>
                </div>
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
                  <SettingValue name={entry.name} value={entry.value} />
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

/** Settings whose format needs its own words when a value does not fit. */
const FORMAT_HINTS: Partial<Record<string, HintKey>> = {
  defaultCallingCode: 'validationCallingCode',
};

/** What is wrong with `value` for setting `name`, in the UI language; undefined when it fits. */
function problemWith(name: string, value: unknown): string | undefined {
  const schema = Object.hasOwn(SETTINGS, name)
    ? SETTINGS[name as keyof typeof SETTINGS].schema
    : undefined;
  const parsed = schema?.safeParse(value);
  return parsed && !parsed.success
    ? describeIssuesInWords(parsed.error, FORMAT_HINTS[name])
    : undefined;
}

function SettingValue({ name, value }: { name: string; value: unknown }) {
  const text = formatSettingValue(value, name);
  return settingValueInWords(value, name) ? (
    <span className="value">{text}</span>
  ) : (
    <code className="value">{text}</code>
  );
}

function AgentChoice({ entry, onChoose }: { entry: SettingEntry; onChoose: Props['onChoose'] }) {
  const [draft, setDraft] = useState(String(entry.value ?? ''));
  const [problem, setProblem] = useState<string>();
  const problemId = useId();
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
        const value = numeric ? Number(draft) : draft;
        // Checked here, so the agent reads what is wrong in their language (issue #17).
        const found = problemWith(entry.name, value);
        setProblem(found);
        if (found === undefined) onChoose(entry.name, value);
      }}
    >
      <input
        type={numeric ? 'number' : 'text'}
        aria-label={label}
        aria-invalid={problem !== undefined}
        aria-describedby={problem === undefined ? undefined : problemId}
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
      {problem !== undefined && (
        <span className="problem" id={problemId} role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
