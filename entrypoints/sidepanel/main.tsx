import '@/lib/platform/zod-jitless';
import { createRoot } from 'react-dom/client';
import { localizeDocument } from '@/lib/i18n';
import { SidebarApp } from './SidebarApp';

localizeDocument(document, 'extensionName');
createRoot(document.getElementById('root')!).render(<SidebarApp />);
