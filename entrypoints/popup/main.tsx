import '@/lib/platform/zod-jitless';
import { createRoot } from 'react-dom/client';
import { localizeDocument } from '@/lib/i18n';
import { PopupApp } from './PopupApp';

localizeDocument(document, 'extensionName');
createRoot(document.getElementById('root')!).render(<PopupApp />);
