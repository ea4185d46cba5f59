import { t } from '@/lib/i18n';
import { DiagnosticsSection } from './DiagnosticsSection';
import { LocalDataSection } from './LocalDataSection';
import { SettingsSection } from './SettingsSection';
import { SyncSection } from './SyncSection';

/**
 * Options page: a list of self-contained sections, each loading its own data. Issue #6: settings
 * in force with sources and locks, the collector connection, diagnostics, the agent's local data.
 */
export function OptionsApp() {
  return (
    <main className="options">
      <h1>{t('extensionName')}</h1>
      <SettingsSection />
      <SyncSection />
      <DiagnosticsSection />
      <LocalDataSection />
    </main>
  );
}
