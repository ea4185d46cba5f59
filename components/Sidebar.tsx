import type { SidebarConnectionState } from '@/lib/platform/pages/use-sidebar-connection';
import { t, type MessageKey } from '@/lib/i18n';
import type { SidebarDenial } from '@/lib/messaging/sidebar-port';
import { CustomerCardView } from './CustomerCardView';
import { EffortPrompt, type PromptActions } from './EffortPrompt';
import { TrackingSummary } from './TrackingSummary';
import { useNow } from './use-now';

type SidebarState = Extract<SidebarConnectionState, { type: 'state' }>;

const DENIAL_KEYS = {
  malformed: 'sidebarDeniedMalformed',
  notExtensionPage: 'sidebarDeniedNotExtensionPage',
  unknownFrame: 'sidebarDeniedUnknownFrame',
  noTab: 'sidebarDeniedNoTab',
  unreadable: 'sidebarDeniedUnreadable',
} as const satisfies Record<SidebarDenial, MessageKey>;

type SidebarProps = {
  state: SidebarConnectionState;
  /** Present when embedded in a CRM page: collapses the overlay to its edge tab. */
  onCollapse?: () => void;
  /** Present where policy lets this browser build adapters (issue #16): opens the builder. */
  onBuildAdapter?: () => void;
  now: number;
  promptActions: (id: string) => PromptActions;
};

export function Sidebar({ state, onCollapse, onBuildAdapter, now, promptActions }: SidebarProps) {
  return (
    <main role="complementary" aria-label={t('extensionName')} className="sidebar">
      <header className="sidebar-header">
        <h1>{t('extensionName')}</h1>
        {onCollapse && (
          <button
            type="button"
            className="icon-button"
            onClick={onCollapse}
            aria-label={t('hideSidebar')}
            title={t('hideSidebar')}
          >
            ›
          </button>
        )}
      </header>
      <SidebarBody state={state} now={now} promptActions={promptActions} />
      {onBuildAdapter && (
        <button type="button" className="build-adapter" onClick={onBuildAdapter}>
          {t('builderOpen')}
        </button>
      )}
    </main>
  );
}

function SidebarBody({
  state,
  now,
  promptActions,
}: {
  state: SidebarConnectionState;
  now: number;
  promptActions: (id: string) => PromptActions;
}) {
  switch (state.type) {
    case 'connecting':
      return <p className="muted">{t('connecting')}</p>;
    case 'denied':
      // The reason in the UI language; the technical detail (English, for support) as code.
      return (
        <p className="muted" role="status">
          {t('notConnected', t(DENIAL_KEYS[state.code]))}
          {state.detail && (
            <>
              {' '}
              <code>{state.detail}</code>
            </>
          )}
        </p>
      );
    case 'state':
      return (
        <>
          {state.prompt && (
            <EffortPrompt
              key={state.prompt.id}
              prompt={state.prompt}
              actions={promptActions(state.prompt.id)}
              currentRecordKey={state.card?.records.find((record) => record.current)?.key}
            />
          )}
          {state.card ? (
            <CustomerCardView card={state.card} now={now} />
          ) : (
            <p className="muted" role="status">
              {state.appName ? t('openRecordToSeeCustomer', state.appName) : t('noCustomerRecord')}
            </p>
          )}
          {state.tracking && <TickingTrackingSummary tracking={state.tracking} />}
        </>
      );
  }
}

/** The record's figures count on every second between two updates (issue #17 item 5). */
function TickingTrackingSummary({ tracking }: { tracking: NonNullable<SidebarState['tracking']> }) {
  const now = useNow(1000);
  return <TrackingSummary tracking={tracking} now={now} />;
}
