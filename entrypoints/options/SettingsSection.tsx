import { useState } from 'react';
import { useNow } from '@/components/use-now';
import { CollectorConnection } from '@/components/settings/CollectorConnection';
import { SettingsTable } from '@/components/settings/SettingsTable';
import type { ResponseOf } from '@/lib/messaging/router';
import { request, useSettings } from '@/lib/platform/use-settings';

/** Settings in force with sources and locks, the collector connection and its test (issue #6). */
export function SettingsSection() {
  const { settings, error, choose, refreshTeamPolicy } = useSettings();
  const [test, setTest] = useState<ResponseOf<'collector.test'>>();
  const [testing, setTesting] = useState(false);
  const now = useNow(10_000);
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
            now={now}
          />
          <SettingsTable entries={settings.settings} onChoose={choose} />
          {settings.diagnostics.length > 0 && (
            <ul data-testid="settings-diagnostics" className="problems">
              {settings.diagnostics.map((diagnostic) => (
                <li key={diagnostic}>{diagnostic}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
