import type { SidebarConnectionState } from '@/lib/platform/use-sidebar-connection';
import { CustomerCardView } from './CustomerCardView';
import { TrackingSummary } from './TrackingSummary';

type SidebarProps = {
  state: SidebarConnectionState;
  /** Present when embedded in a CRM page: collapses the overlay to its edge tab. */
  onCollapse?: () => void;
  now: number;
};

export function Sidebar({ state, onCollapse, now }: SidebarProps) {
  return (
    <main role="complementary" aria-label="Touchpoint" className="sidebar">
      <header className="sidebar-header">
        <h1>Touchpoint</h1>
        {onCollapse && (
          <button
            type="button"
            className="icon-button"
            onClick={onCollapse}
            aria-label="Hide sidebar"
            title="Hide sidebar"
          >
            ›
          </button>
        )}
      </header>
      <SidebarBody state={state} now={now} />
    </main>
  );
}

function SidebarBody({ state, now }: { state: SidebarConnectionState; now: number }) {
  switch (state.type) {
    case 'connecting':
      return <p className="muted">Connecting…</p>;
    case 'denied':
      return (
        <p className="muted" role="status">
          Not connected to a tab: {state.reason}.
        </p>
      );
    case 'state':
      return (
        <>
          {state.card ? (
            <CustomerCardView card={state.card} now={now} />
          ) : (
            <p className="muted" role="status">
              {state.appName
                ? `Open a record in ${state.appName} to see its customer.`
                : 'No customer record in this tab.'}
            </p>
          )}
          {state.tracking && <TrackingSummary tracking={state.tracking} />}
        </>
      );
  }
}
