/**
 * Stands for a secret (a collector token, with what it was used for) in what is stored, without
 * keeping it: 24 hex digits of the SHA-256 of the parts, one per line.
 */
export async function fingerprintOf(parts: readonly string[]): Promise<string> {
  const text = parts.join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 12), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
