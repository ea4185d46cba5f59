/**
 * HMAC-SHA-256 of `app:recordId` with the team's secret, hex (PRODUCT.md privacy rule 2): the
 * collector, which holds the same secret, can join CX data on the same ticket without ever
 * receiving the raw id. Null without a secret: such summaries cannot be joined.
 */
export function createRecordHasher(secret: string | undefined) {
  if (!secret) return async () => null;
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return async (app: string, recordId: string): Promise<string | null> => {
    const signature = await crypto.subtle.sign(
      'HMAC',
      await key,
      new TextEncoder().encode(`${app}:${recordId}`),
    );
    return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join(
      '',
    );
  };
}

/**
 * A fingerprint of a record-hash secret: 16 hex digits of its hash of a record no app has (`@`
 * is in no app id). The collector serves its team's with the team policy and the extension
 * compares its own, so a secret copied wrong into the managed policy is named on the options
 * page instead of leaving every CSAT unlinked. It tells nothing usable about the secret.
 */
export async function recordHashCheckOf(secret: string): Promise<string> {
  const hash = await createRecordHasher(secret)('@check', 'touchpoint');
  return hash!.slice(0, 16);
}
