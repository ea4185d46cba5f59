import '@/lib/platform/zod-jitless';
import { startPage } from '@/lib/platform/pages/start-page';
import { WelcomeApp } from './WelcomeApp';

void startPage('firstRunTitle', <WelcomeApp />);
