/**
 * A growable list of state keys, reused level after level: the frontier, the
 * next level, and in a parallel run the keys bound for each worker. It
 * starts at 64 bytes, which V8 keeps on its heap, so a small run allocates
 * no buffer for it.
 */
export class KeyList {
  data: Float64Array;
  length = 0;

  constructor(capacity = 8) {
    this.data = new Float64Array(capacity);
  }

  /** A list holding a copy of `keys`. */
  static of(keys: Float64Array): KeyList {
    const list = new KeyList(Math.max(8, keys.length));
    list.data.set(keys);
    list.length = keys.length;
    return list;
  }

  push(key: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = key;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  clear(): void {
    this.length = 0;
  }

  /** A copy of the keys, exactly as long as the list (to hand to another thread). */
  keys(): Float64Array {
    return this.data.slice(0, this.length);
  }

  /** The keys as an array of their own; the list starts again empty. */
  take(): Float64Array {
    const keys = this.keys();
    this.length = 0;
    return keys;
  }
}
