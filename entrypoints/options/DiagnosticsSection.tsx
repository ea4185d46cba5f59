import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { AdapterDiagnostics } from '@/components/AdapterDiagnostics';
import { TabDiagnostics, type TabMatch } from '@/components/settings/TabDiagnostics';
import { useDiagnostics } from '@/lib/platform/pages/use-diagnostics';
import { request } from '@/lib/platform/pages/extension-client';

/** Adapters and policy problems (issue #2), the tab in front, storage used, permissions held. */
export function DiagnosticsSection() {
  const { diagnostics, error, grantHosts } = useDiagnostics();
  const [tab, setTab] = useState<TabMatch>(null);
  const [storage, setStorage] = useState<{ usage: number; quota: number }>();
  const [permissions, setPermissions] = useState<{ permissions: string[]; origins: string[] }>();
  useEffect(() => {
    request('diagnostics.tab', {}).then(setTab, () => setTab(null));
    void navigator.storage
      .estimate()
      .then(({ usage = 0, quota = 0 }) => setStorage({ usage, quota }));
    void browser.permissions
      .getAll()
      .then(({ permissions = [], origins = [] }) => setPermissions({ permissions, origins }));
  }, []);
  return (
    <>
      {error && <p role="alert">{error}</p>}
      {diagnostics && <AdapterDiagnostics diagnostics={diagnostics} onGrant={grantHosts} />}
      <TabDiagnostics tab={tab} storage={storage} permissions={permissions} />
    </>
  );
}
