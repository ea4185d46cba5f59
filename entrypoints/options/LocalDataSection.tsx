import { useState } from 'react';
import { LocalData } from '@/components/settings/LocalData';
import type { ResponseOf } from '@/lib/messaging/router';
import { downloadJson } from '@/lib/platform/pages/download';
import { request } from '@/lib/platform/pages/extension-client';

/** Export and delete the agent's local data; unsynced events are counted before deleting. */
export function LocalDataSection() {
  const [pending, setPending] = useState<ResponseOf<'localData.summary'>>();
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState<string>();
  const fail = (reason: unknown) => setError(String(reason));
  return (
    <>
      {error && <p role="alert">{error}</p>}
      <LocalData
        pending={pending}
        deleted={deleted}
        onExport={() => {
          request('localData.export', {}).then(
            (data) =>
              downloadJson(`touchpoint-local-data-${data.exportedAt.slice(0, 10)}.json`, data),
            fail,
          );
        }}
        onPrepareDelete={() => {
          setDeleted(false);
          request('localData.summary', {}).then(setPending, fail);
        }}
        onCancelDelete={() => setPending(undefined)}
        onConfirmDelete={() => {
          request('localData.delete', {}).then(() => {
            setPending(undefined);
            setDeleted(true);
          }, fail);
        }}
      />
    </>
  );
}
