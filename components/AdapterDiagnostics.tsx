import type { Diagnostics } from '@/lib/platform/pages/use-diagnostics';
import { contextFieldLabel, t, type MessageKey } from '@/lib/i18n';
import { policyProblemInWords } from '@/lib/i18n/policy-problem-text';
import type { TextSegment } from '@/lib/i18n/text-segments';
import type { ContextField } from '@/contract/record-fields';

type Props = { diagnostics: Diagnostics; onGrant: (hosts: string[]) => void };
type AdapterSource = Diagnostics['adapters'][number]['source'];

const SOURCE_KEYS = {
  'built-in': 'adapterSourceBuiltIn',
  policy: 'adapterSourcePolicy',
  collector: 'adapterSourceCollector',
} as const satisfies Record<AdapterSource, MessageKey>;

/** Fields whose extractors come from elsewhere than the adapter itself (a collector override). */
function changedFields(adapter: Diagnostics['adapters'][number]) {
  return Object.entries(adapter.fields)
    .filter(([, source]) => source !== adapter.source)
    .map(([field, source]) => ({ field: field as ContextField, source }));
}

/** Prose as text, code (paths, ids, values as typed) in `<code>`. */
function Segments({ segments }: { segments: TextSegment[] }) {
  return segments.map((segment, index) =>
    'code' in segment ? <code key={index}>{segment.code}</code> : segment.text,
  );
}

export function AdapterDiagnostics({ diagnostics, onGrant }: Props) {
  const { adapters, policyProblems, hostsAwaitingGrant } = diagnostics;
  return (
    <>
      <section aria-labelledby="policy-problems">
        <h2 id="policy-problems">{t('policyProblems')}</h2>
        {policyProblems.length === 0 ? (
          <p>{t('policyProblemsNone')}</p>
        ) : (
          // Each problem in the UI language; the paths and values the admin typed stay as code.
          <ul data-testid="policy-problems">
            {policyProblems.map((problem, index) => (
              <li key={index}>
                <Segments segments={policyProblemInWords(problem)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {hostsAwaitingGrant.length > 0 && (
        <section aria-labelledby="grants">
          <h2 id="grants">{t('sitesAwaitingPermission')}</h2>
          <p>{t('sitesAwaitingPermissionNote')}</p>
          <ul>
            {hostsAwaitingGrant.map((host) => (
              <li key={host}>{host}</li>
            ))}
          </ul>
          <button type="button" onClick={() => onGrant(hostsAwaitingGrant)}>
            {t('allowAccess')}
          </button>
        </section>
      )}
      <section aria-labelledby="adapters">
        <h2 id="adapters">{t('appsTouchpointReads')}</h2>
        {diagnostics.collectorAdaptersVersion !== null && (
          <p data-testid="collector-adapters-version">
            {t('collectorAdaptersVersion', diagnostics.collectorAdaptersVersion)}
          </p>
        )}
        <table>
          <thead>
            <tr>
              <th scope="col">{t('columnApp')}</th>
              <th scope="col">{t('columnFrom')}</th>
              <th scope="col">{t('columnAddresses')}</th>
            </tr>
          </thead>
          <tbody>
            {adapters.map((adapter) => (
              <tr key={adapter.id}>
                <td>{adapter.name}</td>
                <td data-testid={`adapter-source-${adapter.id}`}>
                  {t(SOURCE_KEYS[adapter.source])}
                  {changedFields(adapter).map(({ field, source }) => (
                    <div key={field} className="field-source">
                      {t('adapterFieldFrom', contextFieldLabel(field), t(SOURCE_KEYS[source]))}
                    </div>
                  ))}
                </td>
                <td>{adapter.hosts.join(', ') || t('addressesSetByAdmin')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
