import { defineContentScript } from 'wxt/utils/define-content-script';
import { BUILTIN_HOST_PATTERNS } from '@/lib/adapters/builtin-hosts';
import { runContentScript } from '@/lib/platform/content';

export default defineContentScript({
  matches: [...BUILTIN_HOST_PATTERNS],
  runAt: 'document_idle',
  main() {
    runContentScript().catch((error: unknown) => {
      // Never an error in the CRM's console: the host page is not ours to disturb.
      console.debug('Touchpoint: content script stopped', error);
    });
  },
});
