import { SyncStatusView } from '@/components/SyncStatusView';
import { useNow } from '@/components/use-now';
import { WhatTouchpointRecords } from '@/components/WhatTouchpointRecords';
import { useAppNames } from '@/lib/platform/pages/use-app-names';
import { useSyncStatus } from '@/lib/platform/pages/use-sync-status';
import { useTodayRecords } from '@/lib/platform/pages/use-today-records';
import { t } from '@/lib/i18n';
import { FIRST_RUN_PAGE } from '@/lib/constants';

/**
 * Toolbar popup: what Touchpoint recorded about the agent today, the pause button, and what
 * waits to be sent to the organisation's collector (PRODUCT.md privacy rule 5).
 */
export function PopupApp() {
  const { records, status, setPaused, error } = useTodayRecords();
  const sync = useSyncStatus();
  const now = useNow();
  const appName = useAppNames();
  return (
    <main className="popup-main">
      <h1>{t('extensionName')}</h1>
      <p>
        <a href={`/${FIRST_RUN_PAGE}`} target="_blank" rel="noreferrer">
          {t('firstRunLink')}
        </a>
      </p>
      {(error ?? sync.error) && <p role="alert">{error ?? sync.error}</p>}
      <WhatTouchpointRecords
        records={records}
        sentToday={records?.alsoSent}
        status={status}
        onSetPaused={setPaused}
        appName={appName}
      />
      <SyncStatusView status={sync.status} now={now} busy={sync.busy} onSyncNow={sync.syncNow} />
    </main>
  );
}
