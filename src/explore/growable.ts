/** An Int32Array that doubles when full: per-state columns of the explorer. */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1 << 12) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
