import { useCallback, useState } from 'react';
import type { ResponseOf } from '../../messaging/router';
import { request } from './extension-client';
import { useReloadOnChange } from './use-reload-on-change';

/**
 * The settings in force with their sources, reloaded when the managed policy, the team policy or
 * the agent's choices change (so the page follows within seconds without a reload).
 */
export function useSettings() {
  const [settings, setSettings] = useState<ResponseOf<'settings.get'>>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    request('settings.get', {}).then(
      (value) => {
        setSettings(value);
        setError(undefined);
      },
      (reason: unknown) => setError(String(reason)),
    );
  }, []);

  useReloadOnChange(load);

  const choose = useCallback(
    (name: string, value: unknown) => {
      request('settings.setAgentChoice', { name, value }).then(load, (reason: unknown) =>
        setError(String(reason)),
      );
    },
    [load],
  );

  const refreshTeamPolicy = useCallback(() => {
    request('settings.refreshTeamPolicy', {}).then(load, (reason: unknown) =>
      setError(String(reason)),
    );
  }, [load]);

  return { settings, error, choose, refreshTeamPolicy };
}
