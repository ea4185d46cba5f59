import { useCallback, useEffect, useState } from 'react';
import { BUILTIN_APP_NAMES, type AppNames } from '../../apps/app-names';
import { t } from '../../i18n';
import { request } from './extension-client';

/**
 * `(id) => name` for the apps in force (issue #17: "Demo CRM", not "demo-crm"). Built-in names
 * at once, the admin's and in-house apps' once the background answers; "other" in words; an app
 * no one named (removed from policy since) by its id.
 */
export function useAppNames(): (id: string) => string {
  const [names, setNames] = useState<AppNames>(BUILTIN_APP_NAMES);
  useEffect(() => {
    request('apps.names', {}).then(
      (answer) => setNames(answer.names),
      () => {
        // Built-in names stay; the id shows for the rest.
      },
    );
  }, []);
  return useCallback(
    (id: string) => (id === 'other' ? t('unknownAppName') : (names[id] ?? id)),
    [names],
  );
}
