import type { RequestOf, RequestType, ResponseOf } from './router';
import { SIDEBAR_ACTIONS, type SidebarAction } from './sidebar-actions';

// The content script's side of the protocol, without zod (docs/architecture-extension.md, "Content script"):
// it sends requests that the background parses with zod on receipt, and checks the shape of the
// little it receives. Only this extension can message it (`tabs.sendMessage`), never the page.

/**
 * `docked`: the agent's choice where the adapter allows docking; the adapter's default when absent.
 * `sidePanel`: the agent reads the card in the browser's side panel instead of over this app's
 * pages (where the adapter does not dock); the edge tab then opens the side panel.
 */
export type SidebarLayout = {
  collapsed: boolean;
  width: number;
  docked?: boolean;
  sidePanel?: boolean;
};
export const SIDEBAR_WIDTH = { min: 240, max: 640, initial: 340 } as const;

/** Where the background keeps the agent's layout for an app's pages in `storage.local`. */
export const sidebarLayoutKey = (app: string) => `sidebar-layout:${app}`;

/** A stored layout, or null when the value is not one (then the default applies). */
export function parseSidebarLayout(raw: unknown): SidebarLayout | null {
  const layout = raw as Partial<SidebarLayout> | null;
  if (typeof layout?.collapsed !== 'boolean' || !Number.isInteger(layout.width)) return null;
  const width = layout.width as number;
  if (width < SIDEBAR_WIDTH.min || width > SIDEBAR_WIDTH.max) return null;
  const parsed: SidebarLayout = { collapsed: layout.collapsed, width };
  if (typeof layout.docked === 'boolean') parsed.docked = layout.docked;
  if (typeof layout.sidePanel === 'boolean') parsed.sidePanel = layout.sidePanel;
  return parsed;
}

/** The sidebar command in a message from the background, or null when it is not one. */
export function parseSidebarCommand(message: unknown): SidebarAction | null {
  const { type, payload } = (message ?? {}) as { type?: unknown; payload?: { action?: unknown } };
  const action = payload?.action;
  if (type !== 'sidebar.command') return null;
  return SIDEBAR_ACTIONS.find((known) => known === action) ?? null;
}

/** The background asking whether the agent is typing in this page (effort prompt deferral). */
export function isAgentStateRequest(message: unknown): boolean {
  return (message as { type?: unknown } | null)?.type === 'agent.state';
}

/** Whether the background asks to show (true) or hide (false) the prompt card, or null. */
export function parsePromptNudge(message: unknown): boolean | null {
  const { type, payload } = (message ?? {}) as { type?: unknown; payload?: { show?: unknown } };
  return type === 'prompt.nudge' && typeof payload?.show === 'boolean' ? payload.show : null;
}

/** Sends a request to the background and unwraps its `{ ok, data | error }` reply. */
export async function requestBackground<K extends RequestType>(
  send: (message: unknown) => Promise<unknown>,
  type: K,
  payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const reply = (await send({ type, payload })) as
    { ok?: unknown; data?: unknown; error?: unknown } | undefined;
  if (reply?.ok === true) return reply.data as ResponseOf<K>;
  throw new Error(
    typeof reply?.error === 'string' ? reply.error : `${type}: no reply from the background`,
  );
}
