import { AdapterDiagnostics } from '@/components/AdapterDiagnostics';
import { useDiagnostics } from '@/lib/platform/use-diagnostics';

/** Options page. Issue #2 shows adapter diagnostics; settings with sources arrive with issue #6. */
export function OptionsApp() {
  const { diagnostics, error, grantHosts } = useDiagnostics();
  return (
    <main className="options">
      <h1>Touchpoint</h1>
      {error && <p role="alert">{error}</p>}
      {diagnostics && <AdapterDiagnostics diagnostics={diagnostics} onGrant={grantHosts} />}
    </main>
  );
}
