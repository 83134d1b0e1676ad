/** Keys stay exact integers in a double: below 2^53. */
const KEY_BITS = 52;
/** A cap on local states however few the relationships: the local table is a plain Map. */
const MAX_RADIX_BITS = 24;

/**
 * Packs a system state (the local state number of each of K relationships)
 * into one integer below 2^53: bits [i * bits, (i + 1) * bits) hold
 * relationship i. With symmetry the digits are sorted first, so states that
 * differ only by the order of relationships get one key.
 */
export class SystemCodec {
  /** How many local states a relationship may take: 2^floor(52 / K). */
  readonly radix: number;
  /** Bits per relationship. */
  readonly bits: number;
  /** factorials[n] = n!, up to K: orbit sizes are counted once per new state. */
  private readonly factorials: number[];

  constructor(
    readonly relationships: number,
    readonly symmetry: boolean,
  ) {
    this.bits = Math.min(MAX_RADIX_BITS, Math.floor(KEY_BITS / relationships));
    this.radix = 2 ** this.bits;
    this.factorials = [1];
    for (let n = 1; n <= relationships; n++) this.factorials.push((this.factorials[n - 1] as number) * n);
  }

  /** The key of `tuple`; sorts `tuple` in place first when symmetry is on. */
  pack(tuple: Int32Array): number {
    const k = this.relationships;
    if (this.symmetry) {
      for (let i = 1; i < k; i++) {
        const v = tuple[i] as number;
        let j = i - 1;
        while (j >= 0 && (tuple[j] as number) > v) {
          tuple[j + 1] = tuple[j] as number;
          j--;
        }
        tuple[j + 1] = v;
      }
    }
    // Built as two 32-bit halves with shifts: integer arithmetic only.
    const bits = this.bits;
    let lo = 0;
    let hi = 0;
    for (let i = 0, offset = 0; i < k; i++, offset += bits) {
      const digit = tuple[i] as number;
      if (offset >= 32) hi |= digit << (offset - 32);
      else {
        lo |= digit << offset;
        if (offset + bits > 32) hi |= digit >>> (32 - offset);
      }
    }
    return hi * 4294967296 + (lo >>> 0);
  }

  unpack(key: number, into: Int32Array): Int32Array {
    const bits = this.bits;
    const mask = this.radix - 1;
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    for (let i = 0, offset = 0; i < this.relationships; i++, offset += bits) {
      if (offset >= 32) into[i] = (hi >>> (offset - 32)) & mask;
      else if (offset + bits > 32) into[i] = ((lo >>> offset) | (hi << (32 - offset))) & mask;
      else into[i] = (lo >>> offset) & mask;
    }
    return into;
  }

  /** How many system states a canonical tuple stands for: K! over the factorials of its repeated digits. */
  orbitSize(tuple: Int32Array): number {
    if (!this.symmetry) return 1;
    const factorials = this.factorials;
    let size = factorials[this.relationships] as number;
    let run = 1;
    for (let i = 1; i <= this.relationships; i++) {
      if (i < this.relationships && tuple[i] === tuple[i - 1]) run++;
      else {
        size /= factorials[run] as number;
        run = 1;
      }
    }
    return size;
  }
}
