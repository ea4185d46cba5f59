import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript } from '@/lib/platform/content';
import { CONTENT_SCRIPT_RUN_AT } from '@/lib/constants';

export default defineContentScript({
  // The built-in CRM hosts: set in the manifest by wxt.config.ts, so that the list is not also
  // code in the script (about 200 bytes of its 8 KB, issue #15 item 8).
  matches: [],
  runAt: CONTENT_SCRIPT_RUN_AT,
  // WXT's legacy start signal is a window.postMessage that every message listener of the CRM
  // page would wake up for; its custom event is enough (and claimPage guards against twins).
  noScriptStartedPostMessage: true,
  main() {
    runContentScript().catch((error: unknown) => {
      // Never an error in the CRM's console: the host page is not ours to disturb.
      console.debug('Touchpoint: content script stopped', error);
    });
  },
});
