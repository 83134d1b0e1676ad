/** MurmurHash3's finaliser: spreads nearby 32-bit keys over the whole range (unsigned result). */
export function mix32(key: number): number {
  let h = key | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of an integer key below 2^53: both 32-bit halves, mixed. */
export function hash53(key: number): number {
  return mix32((key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1));
}
