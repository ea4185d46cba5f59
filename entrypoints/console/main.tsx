import '@/lib/platform/zod-jitless';
import { createRoot } from 'react-dom/client';
import { localizeDocument } from '@/lib/i18n';
import { ConsoleApp } from './ConsoleApp';

localizeDocument(document, 'consolePageTitle');
createRoot(document.getElementById('root')!).render(<ConsoleApp />);
