import '@/lib/platform/zod-jitless';
import { startPage } from '@/lib/platform/pages/start-page';
import { SidebarApp } from './SidebarApp';

void startPage('extensionName', <SidebarApp />);
