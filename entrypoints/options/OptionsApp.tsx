import { AdapterDiagnostics } from '@/components/AdapterDiagnostics';
import { useDiagnostics } from '@/lib/platform/use-diagnostics';
import { t } from '@/lib/i18n';
import { SyncSection } from './SyncSection';

/** Options page. Issue #2 shows adapter diagnostics; settings with sources arrive with issue #6. */
export function OptionsApp() {
  const { diagnostics, error, grantHosts } = useDiagnostics();
  return (
    <main className="options">
      <h1>{t('extensionName')}</h1>
      {error && <p role="alert">{error}</p>}
      {diagnostics && <AdapterDiagnostics diagnostics={diagnostics} onGrant={grantHosts} />}
      <SyncSection />
    </main>
  );
}
