import '@/lib/platform/zod-jitless';
import { createRoot } from 'react-dom/client';
import { localizeDocument } from '@/lib/i18n';
import { OptionsApp } from './OptionsApp';

localizeDocument(document, 'optionsPageTitle');
createRoot(document.getElementById('root')!).render(<OptionsApp />);
