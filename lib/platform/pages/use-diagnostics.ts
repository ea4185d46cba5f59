import { useCallback, useState } from 'react';
import { browser } from 'wxt/browser';
import type { ResponseOf } from '../../messaging/router';
import { request } from './extension-client';
import { useReloadOnChange } from './use-reload-on-change';

export type Diagnostics = ResponseOf<'diagnostics.get'>;

export function useDiagnostics() {
  const [diagnostics, setDiagnostics] = useState<Diagnostics>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    request('diagnostics.get', {}).then(setDiagnostics, (reason: unknown) =>
      setError(`Could not read diagnostics: ${String(reason)}`),
    );
  }, []);

  // Policy problems and hosts awaiting a grant change with the policy: follow it live.
  useReloadOnChange(load);

  /** Asks the browser for the hosts the admin's adapters need (must run in the click's gesture). */
  const grantHosts = useCallback((hosts: string[]) => {
    browser.permissions
      .request({ origins: hosts })
      .catch((reason: unknown) => setError(String(reason)));
  }, []);

  return { diagnostics, error, grantHosts };
}
