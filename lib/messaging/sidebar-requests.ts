import { z } from 'zod';
import { SIDEBAR_ACTIONS } from './sidebar-actions';

/**
 * What the sidebar page asks the background (and every page asks `i18n.messagesLocale` before it
 * renders). A table of its own, part of `BACKGROUND_REQUESTS`: the sidebar validates its answers
 * against these schemas only, so it builds no other schema before its first card (issue #15 item 6).
 */
export const SIDEBAR_REQUESTS = {
  /**
   * The `_locales` folder the browser reads this extension's texts from, as the background sees it
   * (`null`: it cannot tell): for a page Chromium gave no message bundle, which then cannot tell
   * its UI language either (lib/i18n/packaged-messages.ts).
   */
  'i18n.messagesLocale': {
    from: 'extension',
    request: z.object({}),
    response: z.object({
      locale: z
        .string()
        .regex(/^[a-z]{2,3}([-_][A-Za-z]{2})?$/)
        .nullable(),
    }),
  },
  /** The agent answered the effort prompt with one tap or key (issue #4). */
  'prompt.answer': {
    from: 'extension',
    request: z.object({ id: z.string(), score: z.number().int().min(1).max(7) }),
    response: z.object({ ok: z.literal(true) }),
  },
  'prompt.reasons': {
    from: 'extension',
    request: z.object({ id: z.string(), reasons: z.array(z.string().max(40)).max(10) }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Undo, Done (answer final), Esc (dismiss), Not now (snooze). */
  'prompt.act': {
    from: 'extension',
    request: z.object({ id: z.string(), action: z.enum(['undo', 'done', 'dismiss', 'snooze']) }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** The sidebar asks its host tab to collapse or expand. */
  'sidebar.command': {
    from: 'extension',
    request: z.object({ action: z.enum(SIDEBAR_ACTIONS) }),
    response: z.object({ relayed: z.boolean() }),
  },
} as const;
