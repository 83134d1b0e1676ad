/** Keys stay exact integers in a double: below 2^53. */
const KEY_BITS = 52;
/** A cap on local states however few the relationships: the local table is a plain Map. */
const MAX_RADIX_BITS = 24;

/**
 * Packs a system state (the local state number of each of K relationships)
 * into one integer below 2^53: digit i of a number in base `radix` is
 * relationship i. With symmetry the digits are sorted first, so states that
 * differ only by the order of relationships get one key.
 */
export class SystemCodec {
  /** How many local states a relationship may take: 2^floor(52 / K). */
  readonly radix: number;
  private readonly powers: number[];

  constructor(
    readonly relationships: number,
    readonly symmetry: boolean,
  ) {
    this.radix = 2 ** Math.min(MAX_RADIX_BITS, Math.floor(KEY_BITS / relationships));
    this.powers = Array.from({ length: relationships }, (_, i) => this.radix ** i);
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
    let key = 0;
    for (let i = k - 1; i >= 0; i--) key = key * this.radix + (tuple[i] as number);
    return key;
  }

  unpack(key: number, into: Int32Array): Int32Array {
    const radix = this.radix;
    let rest = key;
    for (let i = 0; i < this.relationships; i++) {
      const digit = rest % radix;
      into[i] = digit;
      rest = (rest - digit) / radix;
    }
    return into;
  }

  /** How many system states a canonical tuple stands for: K! over the factorials of its repeated digits. */
  orbitSize(tuple: Int32Array): number {
    if (!this.symmetry) return 1;
    let size = factorial(this.relationships);
    let run = 1;
    for (let i = 1; i <= this.relationships; i++) {
      if (i < this.relationships && tuple[i] === tuple[i - 1]) run++;
      else {
        size /= factorial(run);
        run = 1;
      }
    }
    return size;
  }

  /** The weight of digit i (unused digits beyond K are absent). */
  power(i: number): number {
    return this.powers[i] as number;
  }
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}
