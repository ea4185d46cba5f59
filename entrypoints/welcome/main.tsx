import '@/lib/platform/zod-jitless';
import { createRoot } from 'react-dom/client';
import { localizeDocument } from '@/lib/i18n';
import { WelcomeApp } from './WelcomeApp';

localizeDocument(document, 'firstRunTitle');
createRoot(document.getElementById('root')!).render(<WelcomeApp />);
