/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids sort by creation time, which
 * keeps the outbox and the collector's index in occurrence order. A counter in the random part
 * keeps ids from one clock millisecond increasing.
 */
export function createUuidV7(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
) {
  let lastMs = -1;
  let sequence = 0;
  return function uuidV7(now: number): string {
    const ms = Math.max(Math.floor(now), lastMs);
    sequence = ms === lastMs ? sequence + 1 : 0;
    lastMs = ms;
    const bytes = random(new Uint8Array(16));
    for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
    // 12-bit sequence in rand_a keeps order within one millisecond (RFC 9562 §6.2, method 1).
    bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
    bytes[7] = sequence & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
