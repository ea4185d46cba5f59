import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNow } from '@/components/use-now';
import { AuditLog } from '@/components/console/AuditLog';
import { InstallList } from '@/components/console/InstallList';
import { TeamPolicyForm } from '@/components/console/TeamPolicyForm';
import { ConsoleTabs, type ConsoleView } from '@/components/console/report/ConsoleTabs';
import { t, type MessageKey } from '@/lib/i18n';
import type { Role } from '@/contract/api';
import type { ConsoleAccess } from '@/lib/messaging/settings-requests';
import { request } from '@/lib/platform/pages/extension-client';
import { useInstalls } from '@/lib/platform/pages/use-installs';
import { SETTINGS } from '@/lib/settings/definitions';
import { settingLabel } from '@/lib/settings/labels';
import { describeTeamPolicy, type TeamValues } from '@/lib/settings/preview';
import {
  isTeamSetting,
  minGroupSizeFloorOf,
  parseTeamPolicyValues,
  TEAM_SETTING_NAMES,
  type TeamSettingName,
} from '@/contract/team-policy';
import { AdapterHealthPanel } from './AdapterHealthPanel';
import { ReportPanel } from './ReportPanel';

/**
 * A stored policy's problems in the UI language, one per setting: the raw validation messages
 * (English, with schema words) stay out of the console (issue #14, item 7).
 */
function storedProblems(diagnostics: string[]): string[] {
  const names = new Set(diagnostics.map((diagnostic) => /^[A-Za-z]+/.exec(diagnostic)?.[0] ?? ''));
  return [...names].map((name) =>
    t('consoleStoredValueInvalid', isTeamSetting(name) ? settingLabel(name) : name),
  );
}

type Granted = Extract<ConsoleAccess, { access: 'granted' }>;

const ROLE_KEYS = {
  agent: 'roleAgent',
  supervisor: 'roleSupervisor',
  admin: 'roleAdmin',
} as const satisfies Record<Role, MessageKey>;
/** A role this version does not know shows as the collector named it. */
const roleInWords = (role: string) =>
  Object.hasOwn(ROLE_KEYS, role) ? t(ROLE_KEYS[role as Role]) : role;

/**
 * Supervisor console (issue #6): the team policy on the collector as a form, with the admin's
 * locks, a plain-language preview, save guarded by the policy's ETag, and the audit log.
 */
export function ConsoleApp() {
  const [access, setAccess] = useState<ConsoleAccess>();
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  // Issue #7: the report is a second view; `console.html#report` opens it directly.
  const [view, setView] = useState<ConsoleView>(() =>
    location.hash === '#report' ? 'report' : location.hash === '#adapters' ? 'adapters' : 'policy',
  );

  const apply = useCallback((next: ConsoleAccess) => {
    setAccess(next);
    if (next.access === 'granted') setDraft({ ...next.policy.policy });
  }, []);
  const load = useCallback(() => {
    request('console.load', {}).then(apply, (reason: unknown) => setError(String(reason)));
  }, [apply]);
  useEffect(load, [load]);

  return (
    <main className="options console">
      <h1>{t('consoleHeading')}</h1>
      {error && <p role="alert">{error}</p>}
      {access?.access === 'denied' && <Denied access={access} onGranted={apply} />}
      {access?.access === 'granted' && (
        <ConsoleTabs
          view={view}
          onChange={(next) => {
            setView(next);
            history.replaceState(null, '', next === 'policy' ? '#' : `#${next}`);
          }}
        />
      )}
      {access?.access === 'granted' && view === 'report' && <ReportPanel />}
      {access?.access === 'granted' && view === 'adapters' && <AdapterHealthPanel />}
      {access?.access === 'granted' && view === 'policy' && (
        <Editor
          access={access}
          draft={draft}
          setDraft={setDraft}
          message={message}
          onSave={() => {
            setMessage(undefined);
            setError(undefined);
            request('console.save', { policy: draft, etag: access.etag }).then(
              ({ status }) => {
                setMessage(status === 'saved' ? t('consoleSaved') : t('consoleConflict'));
                load();
              },
              (reason: unknown) => setError(String(reason)),
            );
          }}
          onSignOut={() => void request('console.signOut', {}).then(load)}
        />
      )}
    </main>
  );
}

function Editor({
  access,
  draft,
  setDraft,
  message,
  onSave,
  onSignOut,
}: {
  access: Granted;
  draft: Record<string, unknown>;
  setDraft: (draft: Record<string, unknown>) => void;
  message: string | undefined;
  onSave: () => void;
  onSignOut: () => void;
}) {
  const now = useNow();
  const locked = useMemo(
    () => new Set(access.settings.filter((entry) => entry.locked).map((entry) => entry.name)),
    [access.settings],
  );
  const { values: parsed, diagnostics } = parseTeamPolicyValues(draft);
  // Fields whose text is not (yet) a valid value: Save waits for them (issue #14, item 7).
  const [invalidFields, setInvalidFields] = useState<ReadonlySet<string>>(new Set());
  const onValidity = useCallback((field: string, valid: boolean) => {
    setInvalidFields((current) => {
      if (current.has(field) !== valid) return current;
      const next = new Set(current);
      if (valid) next.delete(field);
      else next.add(field);
      return next;
    });
  }, []);
  const blocked = diagnostics.length > 0 || invalidFields.size > 0;
  // What agents get: the admin's locked values, else the draft's, else the defaults.
  const values = Object.fromEntries(
    TEAM_SETTING_NAMES.map((name) => {
      const entry = access.settings.find((candidate) => candidate.name === name);
      if (locked.has(name) && entry) return [name, entry.value];
      return [name, parsed[name] ?? structuredClone(SETTINGS[name].default)];
    }),
  ) as TeamValues;
  const change = (name: TeamSettingName, value: unknown) => setDraft({ ...draft, [name]: value });
  const reset = (name: TeamSettingName) => {
    const { [name]: _removed, ...rest } = draft;
    setDraft(rest);
    // The reset fields show the default again: their marks go.
    setInvalidFields(
      (current) => new Set([...current].filter((field) => !field.startsWith(`field-${name}`))),
    );
  };

  return (
    <>
      <p data-testid="console-identity">
        {t(
          'consoleIdentity',
          access.whoami.team,
          roleInWords(access.whoami.role),
          access.whoami.tokenName,
        )}{' '}
        {access.signedIn && (
          <button type="button" className="link" onClick={onSignOut}>
            {t('consoleSignOut')}
          </button>
        )}
      </p>
      <section aria-labelledby="preview-heading" className="preview">
        <h2 id="preview-heading">{t('consolePreview')}</h2>
        <ul data-testid="console-preview">
          {describeTeamPolicy(values).map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="team-policy-heading">
        <h2 id="team-policy-heading">{t('consoleTeamPolicy', access.policy.version)}</h2>
        <TeamPolicyForm
          values={values}
          locked={locked}
          inPolicy={new Set(Object.keys(draft))}
          onChange={change}
          onReset={reset}
          onValidity={onValidity}
          minGroupSizeFloor={minGroupSizeFloorOf(draft)}
        />
        {diagnostics.length > 0 && (
          <ul className="problems" data-testid="console-problems">
            {storedProblems(diagnostics).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        <button type="button" className="primary" disabled={blocked} onClick={onSave}>
          {t('consoleSave')}
        </button>
        {invalidFields.size > 0 && (
          <span className="problem" data-testid="console-fix-fields">
            {t('consoleFixFields')}
          </span>
        )}
        {message && <p role="status">{message}</p>}
      </section>
      <AuditLog entries={access.audit} now={now} />
      {access.whoami.role === 'admin' && <Installs now={now} />}
    </>
  );
}

function Installs({ now }: { now: number }) {
  const { state, revoke } = useInstalls();
  return <InstallList state={state} now={now} onRevoke={(id) => void revoke(id)} />;
}

function Denied({
  access,
  onGranted,
}: {
  access: Extract<ConsoleAccess, { access: 'denied' }>;
  onGranted: (access: ConsoleAccess) => void;
}) {
  const [token, setToken] = useState('');
  if (access.reason === 'not-configured') return <p>{t('consoleNotConfigured')}</p>;
  return (
    <>
      <p data-testid="console-denied">
        {access.reason === 'role'
          ? t('consoleRoleDenied', access.role ? roleInWords(access.role) : '?')
          : t('connectionFailed', access.error ?? '?')}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void request('console.signIn', { token }).then(onGranted);
        }}
      >
        <label className="field">
          <span>{t('consoleSupervisorToken')}</span>
          <input
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        <button type="submit">{t('consoleSignIn')}</button>
      </form>
    </>
  );
}
