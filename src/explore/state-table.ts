import { hash53 } from './hash.js';

const EMPTY = 0;

/** One table of a visited set, and where its slots start among the set's. */
export interface StateRegion {
  table: StateTable;
  offset: number;
}

/** A table's storage as plain typed arrays: what crosses between threads. */
export interface StateTableParts {
  keys: Float64Array;
  depths: Uint8Array | Uint16Array;
  size: number;
}
const MAX_LOAD = 0.8;
/** Empty scratch shared by every table until its first large batch (small runs never allocate any). */
const NO_HASHES = new Uint32Array(0);
const NO_KEYS = new Float64Array(0);
/** Growth factor: with at most 80% load, a table is always between 57% and 80% full. */
const GROWTH = 1.4;
/** 2^15 recent keys: 256 KiB, small enough to stay in the processor's cache. */
const RECENT_MASK = (1 << 15) - 1;
/** A small table keeps a tiny cache of recent keys (64 bytes, kept on V8's heap): a larger one would cost more to allocate than it saves. */
const SMALL_RECENT_MASK = (1 << 3) - 1;

/**
 * The visited set of the explorer: an open-addressing hash table of
 * integer keys below 2^53 (stored as key + 1 in a Float64Array, 0 meaning
 * empty) and, beside each, the breadth-first depth at which the key was
 * found. Nothing else is stored per state: the frontier lives in its own
 * queue, traces are rebuilt level by level from the depths, and slot numbers
 * serve as state numbers. One state costs 9 bytes per slot (10 past depth
 * 254), so 11 to 16 bytes at the loads the table keeps.
 */
export class StateTable {
  private keys: Float64Array;
  private depths: Uint8Array | Uint16Array;
  /** capacity / 2^32: maps a 32-bit hash onto a slot with a multiplication (no modulo of doubles). */
  private scale: number;
  /** Recently added or met keys (+ 1), by their hash's low bits: every one is in the table. */
  private recent: Float64Array;
  private recentMask: number;
  /** Scratch of addBatch, kept between batches. */
  private batchHashes = NO_HASHES;
  private batchKeys = NO_KEYS;
  size = 0;

  constructor(expected = 64) {
    const capacity = Math.max(16, Math.ceil(expected / MAX_LOAD));
    this.keys = new Float64Array(capacity);
    this.depths = new Uint8Array(capacity);
    this.scale = capacity / 2 ** 32;
    this.recentMask = capacity > RECENT_MASK ? RECENT_MASK : SMALL_RECENT_MASK;
    this.recent = new Float64Array(this.recentMask + 1);
  }

  get capacity(): number {
    return this.keys.length;
  }

  /** The slot of `key`, or -1 when absent. */
  slotOf(key: number): number {
    const keys = this.keys;
    const capacity = keys.length;
    const stored = key + 1;
    let slot = Math.floor(hash53(key) * this.scale);
    for (;;) {
      const value = keys[slot] as number;
      if (value === stored) return slot;
      if (value === EMPTY) return -1;
      if (++slot === capacity) slot = 0;
    }
  }

  /** Adds `key` found at `depth`; false when it was there already. */
  add(key: number, depth: number): boolean {
    const stored = key + 1;
    const h = hash53(key);
    // Breadth-first search meets the same keys again soon after (diamonds); a small
    // cache of recent keys answers those without touching the large table.
    const recentSlot = h & this.recentMask;
    if (this.recent[recentSlot] === stored) return false;
    this.recent[recentSlot] = stored;
    const keys = this.keys;
    const capacity = keys.length;
    let slot = Math.floor(h * this.scale);
    for (;;) {
      const value = keys[slot] as number;
      if (value === stored) return false;
      if (value === EMPTY) break;
      if (++slot === capacity) slot = 0;
    }
    keys[slot] = stored;
    if (depth > 0xff && this.depths instanceof Uint8Array) this.depths = Uint16Array.from(this.depths);
    if (depth > 0xffff) throw new RangeError('the state table records depths up to 65535');
    this.depths[slot] = depth;
    this.size++;
    if (this.size > capacity * MAX_LOAD) this.grow();
    return true;
  }

  /**
   * Adds the first `count` keys of `keys`, all found at `depth`, and calls
   * `onNew` with each one that was not there yet (once, even when it is
   * given twice). The same as `add` key by key, but faster on a large table:
   * the keys are first bucketed by the high bits of their hash, which give
   * the region of the table they probe, so consecutive probes stay within a
   * few hundred KiB instead of each missing the cache. New keys are reported
   * in that order, not in the order given.
   * @returns how many keys were new
   */
  addBatch(keys: Float64Array, count: number, depth: number, onNew: (key: number) => void): number {
    // Regions of about 256 KiB of keys (2^15 slots of 8 bytes); a table that small is one region.
    const bits = Math.min(16, Math.ceil(Math.log2(this.keys.length)) - 15);
    let ordered = keys;
    if (bits > 0) {
      const shift = 32 - bits;
      if (this.batchHashes.length < count) {
        this.batchHashes = new Uint32Array(count);
        this.batchKeys = new Float64Array(count);
      }
      const hashes = this.batchHashes;
      ordered = this.batchKeys;
      const starts = new Uint32Array((1 << bits) + 1);
      for (let i = 0; i < count; i++) {
        const h = hash53(keys[i] as number);
        hashes[i] = h;
        const b = (h >>> shift) + 1;
        starts[b] = (starts[b] as number) + 1;
      }
      for (let b = 1; b < starts.length; b++) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
      for (let i = 0; i < count; i++) {
        const b = (hashes[i] as number) >>> shift;
        const at = starts[b] as number;
        starts[b] = at + 1;
        ordered[at] = keys[i] as number;
      }
    }
    let added = 0;
    for (let i = 0; i < count; i++) {
      const key = ordered[i] as number;
      if (this.add(key, depth)) {
        added++;
        onNew(key);
      }
    }
    return added;
  }

  /** Whether slot `slot` holds a key. */
  used(slot: number): boolean {
    return this.keys[slot] !== EMPTY;
  }

  /** The key in slot `slot` (meaningful when the slot is used). */
  keyAt(slot: number): number {
    return (this.keys[slot] as number) - 1;
  }

  depthAt(slot: number): number {
    return this.depths[slot] as number;
  }

  /** The table as the one region of a visited set. */
  regions(): readonly StateRegion[] {
    return [{ table: this, offset: 0 }];
  }

  /** Bytes held per slot and in all. */
  bytes(): number {
    return this.keys.byteLength + this.depths.byteLength;
  }

  /** The table's arrays and count, to hand the table to another thread (the table must not be used afterwards). */
  parts(): StateTableParts {
    return { keys: this.keys, depths: this.depths, size: this.size };
  }

  /** A table over arrays produced by `parts()` (in this thread or another). */
  static fromParts(parts: StateTableParts): StateTable {
    const table = new StateTable(0);
    table.keys = parts.keys;
    table.depths = parts.depths;
    table.scale = parts.keys.length / 2 ** 32;
    table.size = parts.size;
    return table;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldDepths = this.depths;
    const capacity = Math.ceil(oldKeys.length * GROWTH);
    const keys = new Float64Array(capacity);
    const depths = oldDepths instanceof Uint8Array ? new Uint8Array(capacity) : new Uint16Array(capacity);
    const scale = capacity / 2 ** 32;
    for (let i = 0; i < oldKeys.length; i++) {
      const stored = oldKeys[i] as number;
      if (stored === EMPTY) continue;
      let slot = Math.floor(hash53(stored - 1) * scale);
      while (keys[slot] !== EMPTY) if (++slot === capacity) slot = 0;
      keys[slot] = stored;
      depths[slot] = oldDepths[i] as number;
    }
    this.keys = keys;
    this.depths = depths;
    this.scale = scale;
    if (capacity > RECENT_MASK && this.recentMask !== RECENT_MASK) {
      // Every key of the small cache is in the table: dropping them loses nothing.
      this.recentMask = RECENT_MASK;
      this.recent = new Float64Array(RECENT_MASK + 1);
    }
  }
}
