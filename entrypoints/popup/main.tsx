import '@/lib/platform/zod-jitless';
import { startPage } from '@/lib/platform/pages/start-page';
import { PopupApp } from './PopupApp';

void startPage('extensionName', <PopupApp />);
