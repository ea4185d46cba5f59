import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  openEarlyPort,
  openHeldSidebarPort,
  sidebarHello,
} from '@/lib/platform/pages/sidebar-port-opener';

// Loaded by the sidebar page (sidepanel/index.html) ahead of its main bundle: the port and its
// hello go out while React and zod still load, so the card is ready when the page is (issue #15).
export default defineUnlistedScript(() => {
  openEarlyPort(globalThis, () =>
    openHeldSidebarPort((info) => browser.runtime.connect(info), sidebarHello(location)),
  );
});
