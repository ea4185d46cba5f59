// Sampling is a hash of the interaction, not Math.random: the same interaction always gets the
// same answer, so asking again after a deferral cannot re-roll the dice (which would raise the
// effective rate for agents who type a lot), a restarted service worker decides the same way, and
// tests are repeatable.

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over the UTF-16 code units of `text` (http://www.isthe.com/chongo/tech/comp/fnv/). */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * MurmurHash3's finaliser. In FNV-1a the last characters go through a single multiplication, so
 * keys that differ only there (the same record ending a few ms apart) are weakly mixed; this
 * spreads them evenly before the value is read as a fraction.
 */
function avalanche(hash: number): number {
  let mixed = hash;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/** A value in [0, 1) fixed by the interaction: its record and the moment it ended. */
export function samplingValue(recordKey: string, end: number): number {
  return avalanche(fnv1a32(`${recordKey}|${end}`)) / 4_294_967_296;
}

/** Whether the interaction is in the sample; rate 0 takes none, rate 1 takes all. */
export function isSampledIn(recordKey: string, end: number, rate: number): boolean {
  return samplingValue(recordKey, end) < rate;
}
