import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { ResponseOf } from '../../messaging/router';
import { request } from './extension-client';

export type Diagnostics = ResponseOf<'diagnostics.get'>;

export function useDiagnostics() {
  const [diagnostics, setDiagnostics] = useState<Diagnostics>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    request('diagnostics.get', {}).then(setDiagnostics, (reason: unknown) =>
      setError(`Could not read diagnostics: ${String(reason)}`),
    );
  }, []);

  useEffect(load, [load]);

  /** Asks the browser for the hosts the admin's adapters need (must run in the click's gesture). */
  const grantHosts = useCallback(
    (hosts: string[]) => {
      browser.permissions
        .request({ origins: hosts })
        .then(load, (reason: unknown) => setError(String(reason)));
    },
    [load],
  );

  return { diagnostics, error, grantHosts };
}
