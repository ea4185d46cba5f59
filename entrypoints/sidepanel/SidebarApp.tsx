import { useSidebarConnection } from '@/lib/platform/pages/use-sidebar-connection';
import { Sidebar } from '@/components/Sidebar';
import { useNow } from '@/components/use-now';
import { usePromptActions } from '@/lib/platform/pages/use-prompt-actions';

/** The sidebar page: in an iframe on a CRM page (tied to its tab by token) or in the side panel. */
export function SidebarApp() {
  const { state, embedded, collapse } = useSidebarConnection();
  const now = useNow();
  const promptActions = usePromptActions();
  return (
    <Sidebar
      state={state}
      onCollapse={embedded ? collapse : undefined}
      now={now}
      promptActions={promptActions}
    />
  );
}
