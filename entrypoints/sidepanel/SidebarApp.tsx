import { useState } from 'react';
import { useSidebarConnection } from '@/lib/platform/pages/use-sidebar-connection';
import { Sidebar } from '@/components/Sidebar';
import { useNow } from '@/components/use-now';
import { usePromptActions } from '@/lib/platform/pages/use-prompt-actions';
import { useBuilderAvailability } from '@/lib/platform/pages/use-adapter-builder';
import { AdapterBuilderPanel } from './AdapterBuilderPanel';

/** The sidebar page: in an iframe on a CRM page (tied to its tab by token) or in the side panel. */
export function SidebarApp() {
  const { state, embedded, collapse } = useSidebarConnection();
  const now = useNow();
  const promptActions = usePromptActions();
  const builder = useBuilderAvailability();
  const [buildingOn, setBuildingOn] = useState<number>();
  const tabId = state.type === 'state' ? state.tabId : undefined;
  // The builder reads and picks on the page: only in the browser's side panel, where policy allows.
  const canBuild = builder.allowed && !embedded && tabId !== undefined;
  if (buildingOn !== undefined) {
    return (
      <AdapterBuilderPanel
        tabId={buildingOn}
        collectorUrl={builder.collectorUrl}
        now={now}
        onClose={() => setBuildingOn(undefined)}
      />
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
