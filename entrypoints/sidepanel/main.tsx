import '@/lib/platform/zod-jitless';
import { startPage } from '@/lib/platform/pages/start-page';
import { openSidebarConnection } from '@/lib/platform/pages/use-sidebar-connection';
import { SidebarApp } from './SidebarApp';

// The port first: the background builds the card while the page starts React (issue #15 item 6).
const connection = openSidebarConnection();
void startPage('extensionName', <SidebarApp connection={connection} />);
