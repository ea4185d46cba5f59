import { z } from 'zod';
import { ADAPTER_SOURCES } from '../adapters/adapter-sources';
import { adapterDefinitionSchema } from '../adapters/definition';
import { CONTEXT_FIELDS, MAX_PAGE_URL_LENGTH } from '../../contract/record-fields';
import { recordContextSchema } from '../context/record-context';
import { policyProblemSchema } from '../settings/policy-problems';
import { BUILDER_REQUESTS } from './builder-requests';
import { SIDEBAR_ACTIONS } from './sidebar-actions';
import { ADAPTER_REQUESTS } from './adapter-requests';
import { REPORT_REQUESTS } from './report-requests';
import { SETTINGS_REQUESTS } from './settings-requests';
import { SYNC_REQUESTS } from './sync-requests';
import { SIDEBAR_REQUESTS } from './sidebar-requests';
import { SIDEBAR_WIDTH, type SidebarLayout } from './content-messages';
import type { SidebarHostLabels } from '../content/sidebar-host';

const label = z.string().min(1).max(200);
const sidebarHostLabelsSchema = z.object({
  name: label,
  showSidebar: label,
  openSidePanel: label,
  promptNudge: label,
  dockBeside: label,
  floatOver: label,
  moveToSidePanel: label,
}) satisfies z.ZodType<SidebarHostLabels>;

const sidebarLayoutSchema = z.object({
  collapsed: z.boolean(),
  width: z.number().int().min(SIDEBAR_WIDTH.min).max(SIDEBAR_WIDTH.max),
  docked: z.boolean().optional(),
  sidePanel: z.boolean().optional(),
}) satisfies z.ZodType<SidebarLayout>;

const costSummarySchema = z.object({
  count: z.number().int().nonnegative(),
  medianMs: z.number().nonnegative(),
  p95Ms: z.number().nonnegative(),
});

/**
 * Every request a part of the extension sends to the background, defined once. `from` says who may
 * send it: `content` = a content script in a tab's top frame, `extension` = an extension page.
 */
export const BACKGROUND_REQUESTS = {
  /** A content script starts on a page: which adapters apply, and a token for its sidebar frame. */
  'page.hello': {
    from: 'content',
    request: z.object({ url: z.url().max(MAX_PAGE_URL_LENGTH) }),
    response: z.object({
      adapters: z.array(adapterDefinitionSchema),
      sidebarToken: z.string().nullable(),
      /**
       * `overlay`: the sidebar frame on the page (built-in CRM origins, listed as web-accessible).
       * `panel`: hosts granted at run time cannot be listed, so the browser's side panel shows it.
       */
      display: z.enum(['overlay', 'panel']),
      /**
       * What the content script needs to draw the edge tab and frame at once: the labels in the UI
       * language and the agent's saved layout for this app (`null`: the default). Read here so the
       * CRM page pays for neither `i18n.getMessage` (it loads the whole catalogue into the page's
       * renderer, about 10 ms on its main thread) nor a storage round trip (issue #15 item 7).
       * `sidePanel`: the browser has a side panel that a click in the page may open (Chrome's;
       * Firefox opens its sidebar only from its own user interface).
       */
      host: z.object({
        labels: sidebarHostLabelsSchema,
        /** The edge tab's and frame's style sheet (`SIDEBAR_HOST_STYLES`). */
        styles: z.string().max(10_000),
        layout: sidebarLayoutSchema.nullable(),
        sidePanel: z.boolean(),
      }),
      /**
       * The record this tab showed before this page, to read once more from its address: an app
       * that reads its status from the page, and left it by a page load (osTicket's close sends
       * the agent to the queue). Null when there is none to look at.
       */
      lastLook: z.object({ url: z.url(), pageKey: z.string().min(1).max(400) }).nullable(),
    }),
  },
  /**
   * The agent asked for the browser's side panel for this tab: the edge tab on a `panel` page, or
   * the sidebar's "Open in the side panel" where the app's pages cannot be narrowed.
   */
  'sidebar.openPanel': {
    from: 'content',
    request: z.object({}),
    response: z.object({ opened: z.boolean() }),
  },
  /**
   * The agent resized, folded or docked the sidebar: kept for this app's pages. Through the
   * background, because content scripts may not touch the extension's storage (credentials).
   */
  'sidebar.saveLayout': {
    from: 'content',
    request: z.object({ layout: sidebarLayoutSchema }),
    response: z.object({ saved: z.boolean() }),
  },
  /** The record in front of the agent on this tab changed (`null`: no record any more). */
  'record.context': {
    from: 'content',
    request: z.object({ context: recordContextSchema.nullable() }),
    response: z.object({ stored: z.boolean() }),
  },
  /**
   * A record that left this tab, as the app's API saw it one last time (issue #15: Zendesk's
   * "close tab" after update). Updates the record and may end its interaction; the tab shows
   * whatever `record.context` reports next.
   */
  'record.departed': {
    from: 'content',
    request: z.object({ context: recordContextSchema }),
    response: z.object({ stored: z.boolean() }),
  },
  /**
   * The agent used this page (keys, pointer; timing only): the background checks that it does
   * not believe them elsewhere (issue #15).
   */
  'page.activity': {
    from: 'content',
    request: z.object({}),
    response: z.object({ corrected: z.boolean() }),
  },
  /** Options page: which adapters are in force, what the policy got wrong, which hosts await a grant. */
  'diagnostics.get': {
    from: 'extension',
    request: z.object({}),
    response: z.object({
      adapters: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          hosts: z.array(z.string()),
          source: z.enum(ADAPTER_SOURCES),
          /** Where each field's extractors come from (issue #16: a collector override). */
          fields: z.partialRecord(z.enum(CONTEXT_FIELDS), z.enum(ADAPTER_SOURCES)),
        }),
      ),
      /** The version of the collector's adapter definitions in force; null when none apply. */
      collectorAdaptersVersion: z.number().int().nonnegative().nullable(),
      /** Each ignored policy value as data (issue #17: the page says it in the UI language). */
      policyProblems: z.array(policyProblemSchema),
      hostsAwaitingGrant: z.array(z.string()),
    }),
  },
  /** Popup: the agent pauses or resumes measurement (refused when policy does not allow it). */
  'tracking.setPaused': {
    from: 'extension',
    request: z.object({ paused: z.boolean() }),
    response: z.object({ paused: z.boolean() }),
  },
  /** Pages: every app's display name by id (built-in, admin adapters, in-house tools). */
  'apps.names': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ names: z.record(z.string(), z.string()) }),
  },
  /** Popup: is measurement on, paused, and may the agent pause it. */
  'tracking.status': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ enabled: z.boolean(), paused: z.boolean(), allowPause: z.boolean() }),
  },
  /** Options page and bench: what measuring costs per browser event in the service worker. */
  'tracking.costs': {
    from: 'extension',
    request: z.object({}),
    response: z.object({
      handle: costSummarySchema,
      write: costSummarySchema,
    }),
  },
  /** Popup opened: write the open span so "What Touchpoint records" is current. */
  'tracking.flush': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ flushed: z.boolean() }),
  },
  ...SIDEBAR_REQUESTS,
  ...SETTINGS_REQUESTS,
  ...SYNC_REQUESTS,
  ...REPORT_REQUESTS,
  ...ADAPTER_REQUESTS,
  ...BUILDER_REQUESTS,
} as const;

/** Messages the background sends to a content script. */
export const CONTENT_REQUESTS = {
  /** What the prompt policy needs from the page in front: is the agent typing or on a call there? */
  'agent.state': {
    request: z.object({}),
    response: z.object({
      lastKeystrokeAt: z.number().nullable(),
      editableFocused: z.boolean(),
      /** An adapter's `callSignal` shows in the page. */
      onCall: z.boolean().default(false),
    }),
  },
  'sidebar.command': {
    request: z.object({ action: z.enum(SIDEBAR_ACTIONS) }),
    response: z.object({ collapsed: z.boolean() }),
  },
  /** Show (or hide) the small card on a collapsed sidebar while an effort prompt waits. */
  'prompt.nudge': {
    request: z.object({ show: z.boolean() }),
    response: z.undefined(),
  },
} as const;
export type ContentRequestType = keyof typeof CONTENT_REQUESTS;
