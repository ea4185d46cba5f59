import type { SyncStatus } from '@/lib/sync/sync-state';
import { formatRelativeTime, formatTime, t, tPlural, type MessageKey } from '@/lib/i18n';

type Props = {
  status: SyncStatus | undefined;
  now: number;
  busy: boolean;
  onSyncNow: () => void;
};

const IDENTITY_KEYS = {
  identified: 'identityIdentified',
  pseudonymous: 'identityPseudonymous',
  anonymous: 'identityAnonymous',
} as const satisfies Record<SyncStatus['identityMode'], MessageKey>;

/** The last problem in plain words, with when the next try is; null when there is none. */
export function describeSyncProblem(status: SyncStatus): string | null {
  if (!status.configured) {
    return status.lastError?.kind === 'agent-id-missing'
      ? t('syncAgentIdMissing')
      : t('syncNotConfigured');
  }
  if (status.blocked) return t('syncNotAuthorised');
  const problem = status.lastError;
  if (!problem) return null;
  const at = formatTime(status.nextAttemptAt ?? problem.at);
  const code = String(problem.status ?? '');
  switch (problem.kind) {
    case 'not-configured':
      return t('syncNotConfigured');
    case 'agent-id-missing':
      return t('syncAgentIdMissing');
    case 'unauthorised':
      return t('syncNotAuthorised');
    case 'network':
      return t('syncUnreachable', at);
    case 'timeout':
      return t('syncTimedOut', at);
    case 'server':
      return t('syncServerProblem', code, at);
    case 'rate-limited':
      return t('syncRateLimited', at);
    case 'invalid-response':
      return t('syncInvalidResponse', at);
    case 'unexpected-status':
      return t('syncUnexpectedStatus', code, at);
    case 'clock-ahead':
      return t('syncClockAhead', at);
    case 'collector-outdated':
      return t('syncCollectorOutdated', at);
  }
}

/** Popup and options: what waits to be sent, when it last went, and what is wrong if anything. */
export function SyncStatusView({ status, now, busy, onSyncNow }: Props) {
  if (!status) return null;
  const problem = describeSyncProblem(status);
  return (
    <section aria-labelledby="sync-heading" data-testid="sync-status">
      <h2 id="sync-heading">{t('syncHeading')}</h2>
      <p data-testid="sync-pending">
        {status.pending === 0 ? t('syncUpToDate') : tPlural('syncPending', status.pending)}
      </p>
      <p data-testid="sync-last-success">
        {status.lastSuccessAt === null
          ? t('syncNeverSent')
          : t('syncLastSuccess', formatRelativeTime(status.lastSuccessAt, now))}
      </p>
      {problem && (
        <p role="status" data-testid="sync-problem">
          {problem}
        </p>
      )}
      {status.deadLetters > 0 && <p>{t('syncDeadLetterCount', status.deadLetters)}</p>}
      <p className="muted">{t(IDENTITY_KEYS[status.identityMode])}</p>
      {status.configured && !status.blocked && (
        <button type="button" onClick={onSyncNow} disabled={busy || status.running}>
          {busy || status.running ? t('syncRunning') : t('syncNow')}
        </button>
      )}
    </section>
  );
}
