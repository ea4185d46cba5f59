import { formatRelativeTime, t, type MessageKey } from '@/lib/i18n';
import type { Install } from '@/contract/api';
import type { InstallsState } from '@/lib/platform/pages/use-installs';

const MODE_KEYS = {
  identified: 'installModeIdentified',
  pseudonymous: 'installModePseudonymous',
  anonymous: 'installModeAnonymous',
} as const satisfies Record<Install['identityMode'], MessageKey>;

/**
 * Admins: every browser install that enrolled with the team's enrolment token (issue #13), with
 * who it sends as, and a way to revoke one whose credential must stop working.
 */
export function InstallList({
  state,
  now,
  onRevoke,
}: {
  state: InstallsState;
  now: number;
  onRevoke: (id: string) => void;
}) {
  return (
    <section aria-labelledby="installs-heading">
      <h2 id="installs-heading">{t('installsHeading')}</h2>
      <p className="muted">{t('installsIntro')}</p>
      {state.status === 'loading' && <p>{t('installsLoading')}</p>}
      {state.status === 'error' && <p role="alert">{state.error}</p>}
      {state.status === 'ready' && state.installs.length === 0 && <p>{t('installsEmpty')}</p>}
      {state.status === 'ready' && state.installs.length > 0 && (
        <table data-testid="install-list">
          <thead>
            <tr>
              <th scope="col">{t('installColumnAgent')}</th>
              <th scope="col">{t('installColumnEnrolled')}</th>
              <th scope="col">{t('installColumnState')}</th>
            </tr>
          </thead>
          <tbody>
            {state.installs.map((install) => (
              <tr key={install.id} data-install={install.id}>
                <td>
                  {install.agentId ?? t('installNoAgent')}
                  <br />
                  <span className="muted">{t(MODE_KEYS[install.identityMode])}</span>
                </td>
                <td title={install.enrolledAt}>
                  {t(
                    'installEnrolledWith',
                    formatRelativeTime(Date.parse(install.enrolledAt), now),
                    install.enrolledWith,
                  )}
                </td>
                <td>
                  {install.revokedAt === null ? (
                    <>
                      {t('installActive')}{' '}
                      <button type="button" onClick={() => onRevoke(install.id)}>
                        {t('installRevoke')}
                      </button>
                    </>
                  ) : (
                    t(
                      'installRevokedBy',
                      formatRelativeTime(Date.parse(install.revokedAt), now),
                      install.revokedBy ?? '?',
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
