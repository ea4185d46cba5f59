import { lazy, Suspense, useState } from 'react';
import {
  useSidebarConnection,
  type SidebarConnection,
} from '@/lib/platform/pages/use-sidebar-connection';
import { Sidebar } from '@/components/Sidebar';
import { useNow } from '@/components/use-now';
import { usePromptActions } from '@/lib/platform/pages/use-prompt-actions';
import { useBuilderAvailability } from '@/lib/platform/pages/use-builder-availability';

// Loaded when an admin opens it: every CRM page's sidebar would otherwise parse the builder and
// libphonenumber's metadata (about 120 KB) before its first card (issue #15 item 6).
const AdapterBuilderPanel = lazy(() =>
  import('./AdapterBuilderPanel').then((module) => ({ default: module.AdapterBuilderPanel })),
);

/** The sidebar page: in an iframe on a CRM page (tied to its tab by token) or in the side panel. */
export function SidebarApp({ connection }: { connection: SidebarConnection }) {
  const { state, embedded, collapse } = useSidebarConnection(connection);
  const now = useNow();
  const promptActions = usePromptActions();
  const builder = useBuilderAvailability();
  const [buildingOn, setBuildingOn] = useState<number>();
  const tabId = state.type === 'state' ? state.tabId : undefined;
  // The builder reads and picks on the page: only in the browser's side panel, where policy allows.
  const canBuild = builder.allowed && !embedded && tabId !== undefined;
  if (buildingOn !== undefined) {
    return (
      <Suspense>
        <AdapterBuilderPanel
          tabId={buildingOn}
          collectorUrl={builder.collectorUrl}
          now={now}
          onClose={() => setBuildingOn(undefined)}
        />
      </Suspense>
    );
  }
  return (
    <Sidebar
      state={state}
      onCollapse={embedded ? collapse : undefined}
      onBuildAdapter={canBuild ? () => setBuildingOn(tabId) : undefined}
      now={now}
      promptActions={promptActions}
    />
  );
}
