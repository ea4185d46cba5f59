import { useCallback, useEffect, useState } from 'react';
import type { Install } from '../../../contract/api';
import { request } from './extension-client';

export type InstallsState =
  | { status: 'loading' }
  | { status: 'ready'; installs: Install[] }
  | { status: 'error'; error: string };

const messageOf = (reason: unknown) => (reason instanceof Error ? reason.message : String(reason));

/** The team's enrolled installs (admins, issue #13), and revoking one, through the background. */
export function useInstalls() {
  const [state, setState] = useState<InstallsState>({ status: 'loading' });
  const load = useCallback(() => {
    request('console.installs', {}).then(
      ({ installs }) => setState({ status: 'ready', installs }),
      (reason: unknown) => setState({ status: 'error', error: messageOf(reason) }),
    );
  }, []);
  useEffect(load, [load]);
  const revoke = useCallback(
    (id: string) =>
      request('console.revokeInstall', { id }).then(load, (reason: unknown) =>
        setState({ status: 'error', error: messageOf(reason) }),
      ),
    [load],
  );
  return { state, revoke };
}
