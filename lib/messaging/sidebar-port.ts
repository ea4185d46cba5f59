import { z } from 'zod';
import { customerCardSchema } from '../context/customer-card';

/** The sidebar's hello on its port (`SIDEBAR_PORT`): which tab it belongs to. */
export const sidebarPortClientMessage = z.object({
  type: z.literal('hello'),
  /** Token the background gave the tab's content script; absent in the side panel. */
  token: z.string().optional(),
  /** Side panel only: the tab to follow. */
  tabId: z.number().int().optional(),
});
const ms = z.number().int().nonnegative();

/** What the agent sees of measurement in the sidebar (issue #3): this interaction and today. */
export const trackingViewSchema = z.object({
  enabled: z.boolean(),
  paused: z.boolean(),
  interaction: z
    .object({
      recordKey: z.string(),
      app: z.string(),
      start: ms,
      handleMs: ms,
      awayMs: ms,
      outsideMs: ms,
      switchCount: z.number().int().nonnegative(),
      /** The same customer looked up in other apps (issue #15), by display name. */
      lookups: z.array(z.object({ app: z.string(), appName: z.string(), ms })),
      /** When these figures were true; `growing` keeps adding after it (issue #17 item 5). */
      asOf: ms,
      growing: z
        .object({
          figure: z.enum(['handleMs', 'awayMs', 'outsideMs']),
          lookupApp: z.string().optional(),
        })
        .nullable(),
    })
    .nullable(),
  today: z.object({
    focusMs: ms,
    switchCount: z.number().int().nonnegative(),
    interactionCount: z.number().int().nonnegative(),
  }),
});
export type TrackingView = z.infer<typeof trackingViewSchema>;

/** The effort prompt as the sidebar shows it. */
export const promptViewSchema = z.object({
  id: z.string(),
  recordKey: z.string(),
  app: z.string(),
  appName: z.string(),
  /** What agents call the record and whose it is, from the local context store (issue #15). */
  recordNumber: z.string().optional(),
  subject: z.string().optional(),
  customerName: z.string().optional(),
  state: z.enum(['shown', 'answered']),
  score: z.number().int().optional(),
  reasons: z.array(z.string()).optional(),
  shownAt: ms,
  answeredAt: ms.optional(),
  scale: z.enum(['1-5', 'ces-7']),
  reasonChoices: z.array(z.string()),
  undoMs: ms,
});
export type PromptView = z.infer<typeof promptViewSchema>;

/**
 * Why a sidebar gets no data (issue #17: shown translated): its hello was malformed, it is not an
 * extension page, its frame shows no token of a known tab, no tab to follow; `unreadable` is the
 * page's own, for a message from the background it cannot parse.
 */
export const SIDEBAR_DENIALS = [
  'malformed',
  'notExtensionPage',
  'unknownFrame',
  'noTab',
  'unreadable',
] as const;
export type SidebarDenial = (typeof SIDEBAR_DENIALS)[number];

export const sidebarPortServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('state'),
    tabId: z.number().int(),
    appName: z.string().nullable(),
    card: customerCardSchema.nullable(),
    tracking: trackingViewSchema.nullable(),
    prompt: promptViewSchema.nullable(),
  }),
  z.object({
    type: z.literal('denied'),
    code: z.enum(SIDEBAR_DENIALS),
    /** Technical detail for support (English, shown as code): what was wrong with the hello. */
    detail: z.string().optional(),
  }),
]);
export type SidebarPortServerMessage = z.infer<typeof sidebarPortServerMessage>;
