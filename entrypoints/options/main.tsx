import '@/lib/platform/zod-jitless';
import { startPage } from '@/lib/platform/pages/start-page';
import { OptionsApp } from './OptionsApp';

void startPage('optionsPageTitle', <OptionsApp />);
