import { SIDEBAR_PORT } from '../../messaging/sidebar-port-name';

/** What the sidebar page needs of `runtime.Port`: plain messages both ways, and its end. */
export type SidebarPortLike = {
  postMessage: (message: unknown) => void;
  onMessage: { addListener: (listener: (message: unknown) => void) => void };
  onDisconnect: { addListener: (listener: () => void) => void };
};

export type SidebarHello = { type: 'hello'; token?: string; tabId?: number };

/**
 * The hello that ties the sidebar to its tab: the token the CRM page's frame carries in its
 * address (`#token=…`), or the tab a side panel was opened for (`?tab=N`).
 */
export function sidebarHello(address: { hash: string; search: string }): SidebarHello {
  const token = new URLSearchParams(address.hash.slice(1)).get('token') ?? undefined;
  const tab = Number(new URLSearchParams(address.search).get('tab'));
  const tabId = Number.isInteger(tab) && tab > 0 ? tab : undefined;
  return { type: 'hello', token, tabId };
}

/** A port that keeps what arrives until the page is ready to handle it. */
export type HeldSidebarPort = {
  port: SidebarPortLike;
  /** Hands over what arrived so far, in order, then everything that follows. */
  release: (handlers: { message: (raw: unknown) => void; disconnect: () => void }) => void;
};

/**
 * Opens the sidebar's port and says hello at once; messages (and the port's end) are held until
 * `release`. The sidebar page opens it from a small script of its own before its main bundle has
 * loaded, so the background builds the card while React and zod load (issue #15 item 6).
 */
export function openHeldSidebarPort(
  connect: (info: { name: string }) => SidebarPortLike,
  hello: SidebarHello,
): HeldSidebarPort {
  const port = connect({ name: SIDEBAR_PORT });
  let held: unknown[] = [];
  let ended = false;
  let handlers: Parameters<HeldSidebarPort['release']>[0] | undefined;
  port.onMessage.addListener((raw) => (handlers ? handlers.message(raw) : held.push(raw)));
  port.onDisconnect.addListener(() => (handlers ? handlers.disconnect() : (ended = true)));
  port.postMessage(hello);
  return {
    port,
    release(next) {
      if (handlers) throw new Error('the sidebar port was already released');
      handlers = next;
      const arrived = held;
      held = [];
      for (const raw of arrived) next.message(raw);
      if (ended) next.disconnect();
    },
  };
}

/** Where the early script leaves the held port for the sidebar page's bundle. */
export const EARLY_SIDEBAR_PORT_GLOBAL = '__touchpointSidebarPort';

/** The held port, or `null` once the bundle has taken it (or started without it). */
type EarlyPortScope = { [EARLY_SIDEBAR_PORT_GLOBAL]?: HeldSidebarPort | null };

/**
 * The early script's part: opens the port, unless the page's bundle already runs with its own
 * (an `async` script may run after the bundle when its file comes late).
 */
export function openEarlyPort(scope: object, open: () => HeldSidebarPort) {
  const early = scope as EarlyPortScope;
  if (EARLY_SIDEBAR_PORT_GLOBAL in early) return;
  early[EARLY_SIDEBAR_PORT_GLOBAL] = open();
}

/** The bundle's part: the port the early script opened, if it has run; it opens none after this. */
export function takeEarlyPort(scope: object): HeldSidebarPort | undefined {
  const early = scope as EarlyPortScope;
  const held = early[EARLY_SIDEBAR_PORT_GLOBAL] ?? undefined;
  early[EARLY_SIDEBAR_PORT_GLOBAL] = null;
  return held;
}
