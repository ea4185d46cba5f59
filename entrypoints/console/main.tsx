import '@/lib/platform/zod-jitless';
import { startPage } from '@/lib/platform/pages/start-page';
import { ConsoleApp } from './ConsoleApp';

void startPage('consolePageTitle', <ConsoleApp />);
