/**
 * The token that ties a sidebar frame to its tab: the content script makes it, puts it in the
 * frame's address and tells the background in its hello; the frame shows it when it connects.
 * Made in the page, not by the background, so the frame can start loading before the background
 * has answered (issue #15 item 6). No zod here: the content script bundles this module.
 */
export const SIDEBAR_TOKEN_PATTERN = /^[0-9a-f]{32}$/;

/** 128 random bits as hex. `getRandomValues`, not `randomUUID`: self-hosted CRMs may be on http. */
export function newSidebarToken(crypto: Pick<Crypto, 'getRandomValues'>): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
