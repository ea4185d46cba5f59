import { WhatTouchpointRecords } from '@/components/WhatTouchpointRecords';
import { useTodayRecords } from '@/lib/platform/use-today-records';
import { t } from '@/lib/i18n';

/** Toolbar popup: what Touchpoint recorded about the agent today, and the pause button. */
export function PopupApp() {
  const { records, status, setPaused, error } = useTodayRecords();
  return (
    <main className="popup-main">
      <h1>{t('extensionName')}</h1>
      {error && <p role="alert">{error}</p>}
      <WhatTouchpointRecords records={records} status={status} onSetPaused={setPaused} />
    </main>
  );
}
