import { DeadLetterList } from '@/components/DeadLetterList';
import { SyncStatusView } from '@/components/SyncStatusView';
import { useNow } from '@/components/use-now';
import { useDeadLetters, useSyncStatus } from '@/lib/platform/pages/use-sync-status';

/** Options page: sync status with "Sync now", and the dead letters (issue #5). */
export function SyncSection() {
  const { status, error, busy, syncNow } = useSyncStatus();
  const deadLetters = useDeadLetters();
  const now = useNow();
  return (
    <>
      {(error ?? deadLetters.error) && <p role="alert">{error ?? deadLetters.error}</p>}
      <SyncStatusView status={status} now={now} busy={busy} onSyncNow={syncNow} />
      <DeadLetterList
        letters={deadLetters.letters}
        onRetry={deadLetters.retry}
        onDelete={deadLetters.remove}
      />
    </>
  );
}
