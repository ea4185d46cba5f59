import type { Diagnostics } from '@/lib/platform/use-diagnostics';

type Props = { diagnostics: Diagnostics; onGrant: (hosts: string[]) => void };

export function AdapterDiagnostics({ diagnostics, onGrant }: Props) {
  const { adapters, policyProblems, hostsAwaitingGrant } = diagnostics;
  return (
    <>
      <section aria-labelledby="policy-problems">
        <h2 id="policy-problems">Policy problems</h2>
        {policyProblems.length === 0 ? (
          <p>None: every value in the admin policy is valid.</p>
        ) : (
          <ul data-testid="policy-problems">
            {policyProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </section>
      {hostsAwaitingGrant.length > 0 && (
        <section aria-labelledby="grants">
          <h2 id="grants">Sites waiting for your permission</h2>
          <p>
            Your admin set Touchpoint up for these sites. It reads them only after you allow it.
          </p>
          <ul>
            {hostsAwaitingGrant.map((host) => (
              <li key={host}>{host}</li>
            ))}
          </ul>
          <button type="button" onClick={() => onGrant(hostsAwaitingGrant)}>
            Allow access
          </button>
        </section>
      )}
      <section aria-labelledby="adapters">
        <h2 id="adapters">Apps Touchpoint reads</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">From</th>
              <th scope="col">Addresses</th>
            </tr>
          </thead>
          <tbody>
            {adapters.map((adapter) => (
              <tr key={adapter.id}>
                <td>{adapter.name}</td>
                <td>{adapter.source}</td>
                <td>{adapter.hosts.join(', ') || 'set by your admin'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
