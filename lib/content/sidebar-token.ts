/**
 * A token for the tab's sidebar frame: 128 random bits, base64url. The content script puts it in
 * the frame's address and tells the background in its hello; a frame without it sees nothing.
 * `getRandomValues`, not `randomUUID`: the latter is missing on http:// (self-hosted) pages.
 */
export function newSidebarToken(
  fill: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  const bytes = fill(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
