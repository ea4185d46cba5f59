import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useNow } from '@/components/use-now';
import { CollectorConnection } from '@/components/settings/CollectorConnection';
import { SettingsTable } from '@/components/settings/SettingsTable';
import type { ResponseOf } from '@/lib/messaging/router';
import { request } from '@/lib/platform/pages/extension-client';
import { useSettings } from '@/lib/platform/pages/use-settings';

/**
 * Settings in force with sources and locks, the collector connection and its test (issue #6).
 * What was wrong with a value is listed under "Policy problems" (DiagnosticsSection).
 */
export function SettingsSection() {
  const { settings, error, choose, refreshTeamPolicy } = useSettings();
  const [test, setTest] = useState<ResponseOf<'collector.test'>>();
  const [testing, setTesting] = useState(false);
  const now = useNow(10_000);
  const collectorUrl = settings?.collector.url ?? null;
  const origins = collectorUrl ? [originPattern(collectorUrl)] : [];
  const [originGranted, setOriginGranted] = useState<boolean>();
  useEffect(() => {
    if (!collectorUrl) return;
    void browser.permissions
      .contains({ origins: [originPattern(collectorUrl)] })
      .then(setOriginGranted, () => setOriginGranted(undefined));
  }, [collectorUrl]);
  // Must run in the click's gesture: no await before the request.
  const grantOrigin = () => {
    browser.permissions.request({ origins }).then(setOriginGranted, () => undefined);
  };
  const runTest = () => {
    setTesting(true);
    request('collector.test', {})
      .then(setTest, (reason: unknown) => setTest({ ok: false, error: String(reason) }))
      .finally(() => setTesting(false));
  };
  return (
    <>
      {error && <p role="alert">{error}</p>}
      {settings && (
        <>
          <CollectorConnection
            collector={settings.collector}
            test={test}
            testing={testing}
            onTest={runTest}
            onRefresh={refreshTeamPolicy}
            originGranted={originGranted}
            onGrantOrigin={grantOrigin}
            now={now}
          />
          <SettingsTable entries={settings.settings} onChoose={choose} />
        </>
      )}
    </>
  );
}

/** The collector's host as a match pattern (any port: Firefox's patterns cannot name one). */
function originPattern(url: string) {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}
