import { z } from 'zod';
import { storableText } from './text';

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
 * A manifest match pattern: how adapters and the app catalogue name the pages they cover. Its path
 * may hold anything but what the collector's database cannot store (`storableText`).
 */
export const hostPatternSchema = storableText(300).regex(
  /^(https?|\*):\/\/(\*|(\*\.)?[a-z0-9.-]+)(:\d+)?\/.*$/,
  'must be a match pattern such as https://*.example.com/*',
);

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
