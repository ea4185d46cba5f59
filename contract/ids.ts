import { z } from 'zod';
import { storableText, UNPRINTABLE_CLASS } from './text';

// Identifiers both sides validate: an app travels upstream as its id, never as an address.

export const appIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'app id must be 2-40 characters: lower-case letters, digits, -');

/** The app id of pages that are no known app; also used for non-web pages. */
export const OTHER_APP_ID = 'other';

/**
 * The id of an app an admin declares (an adapter, a catalogue entry): not `other`, which would
 * merge the app's time with every page outside the catalogue, and its record reports with them.
 */
export const declaredAppIdSchema = appIdSchema.refine((id) => id !== OTHER_APP_ID, {
  message: `is reserved: "${OTHER_APP_ID}" counts every page outside the catalogue`,
});

/**
 * A pattern as browsers compare it: spaces around it dropped, scheme and host in lower case (a
 * page's address has them so), and the port a page never shows (`:443` for https, `:80` for http)
 * dropped: with it the pattern would match no page.
 */
function normaliseHostPattern(pattern: string): string {
  const parts = /^([^:/]+:\/\/)([^/]*)(\/.*)?$/s.exec(pattern.trim());
  if (!parts) return pattern.trim();
  const [, scheme = '', host = '', path = ''] = parts;
  const origin = `${scheme}${host}`.toLowerCase();
  const defaultPort = { 'https://': ':443', 'http://': ':80' }[scheme.toLowerCase()];
  return `${defaultPort && origin.endsWith(defaultPort) ? origin.slice(0, -defaultPort.length) : origin}${path}`;
}

/**
 * A manifest match pattern: how adapters and the app catalogue name the pages they cover. Its path
 * may hold anything but what the collector's database cannot store (`storableText`). Normalised
 * (`normaliseHostPattern`); a pattern without a port matches every port, as in Chrome, and is the
 * only kind Firefox takes.
 */
export const hostPatternSchema = storableText(300)
  .overwrite(normaliseHostPattern)
  .regex(
    /^(https?|\*):\/\/(\*|(\*\.)?[a-z0-9.-]+)(:\d+)?\/.*$/,
    'must be a match pattern such as https://*.example.com/*',
  )
  // A page's address never ends its host with a dot unless typed so: the pattern would match none.
  .refine((pattern) => !/^[^/]*\/\/[^/]*\.(:\d+)?\//.test(pattern), {
    message:
      'must not end its host with a dot: https://intranet.example.com/* without the last "."',
  });

/** What kind of tool an app is; reports group time by it. */
export const APP_CATEGORIES = [
  'crm',
  'mail',
  'chat',
  'knowledge-base',
  'docs',
  'phone',
  'wiki',
  'back-office',
  'other',
] as const;
export type AppCategory = (typeof APP_CATEGORIES)[number];

const UNPRINTABLE = new RegExp(UNPRINTABLE_CLASS, 'u');

/**
 * The agent an install or an event is bound to, as an admin assigns it and reports name it. It
 * is printed in terminals (`installs list`) and shown in the console, so it holds no character
 * that moves the cursor or reorders text (an enrolling client chooses it), and no space at
 * either end, which would make "alice " a second agent beside "alice".
 */
export const agentIdSchema = storableText(100)
  .min(1)
  .refine((id) => !UNPRINTABLE.test(id), {
    message: 'must not contain control characters (tabs, line breaks, escapes, text direction)',
    abort: true,
  })
  .refine((id) => id.trim() === id, { message: 'must not start or end with a space' });
