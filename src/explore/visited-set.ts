import { mix32 } from './hash.js';

/**
 * Open-addressing hash map from packed pair keys (below 2^31) to dense ids
 * 0, 1, 2, ... in insertion order. Typed arrays only: no object per state.
 */
export class VisitedSet {
  private slots: Int32Array;
  private keys: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1 << 12) {
    let capacity = 1 << 4;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.keys = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The id of `key`, or -1 when it has not been added. */
  get(key: number): number {
    let slot = mix32(key) & this.mask;
    for (;;) {
      const id = this.slots[slot] as number;
      if (id === -1) return -1;
      if (this.keys[slot] === key) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds `key` if new; returns its id and whether it was new (`id` < 0 means existing: ~id). */
  add(key: number): number {
    let slot = mix32(key) & this.mask;
    for (;;) {
      const id = this.slots[slot] as number;
      if (id === -1) break;
      if (this.keys[slot] === key) return ~id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    this.slots[slot] = id;
    this.keys[slot] = key;
    if (this.size * 2 > this.slots.length) this.grow();
    return id;
  }

  /** Bytes held by the table. */
  bytes(): number {
    return this.slots.byteLength + this.keys.byteLength;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldKeys = this.keys;
    const capacity = oldSlots.length * 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.keys = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < oldSlots.length; i++) {
      const id = oldSlots[i] as number;
      if (id === -1) continue;
      const key = oldKeys[i] as number;
      let slot = mix32(key) & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
      this.keys[slot] = key;
    }
  }
}
