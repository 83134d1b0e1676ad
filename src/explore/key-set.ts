/** Keys per chunk of the key column: chunks keep the column's slack under one chunk. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const EMPTY = 0xffffffff;
/** A slot holds id * 32 + a 5-bit fingerprint, so most probes never touch the key column. */
const FINGERPRINT = 32;
/** ids must fit beside the fingerprint in 32 bits. */
export const MAX_KEY_SET_SIZE = Math.floor(EMPTY / FINGERPRINT) - 1;
const MAX_LOAD = 0.8;

/**
 * Open-addressing set of integer keys below 2^53, numbering them 0, 1, 2, ...
 * in insertion order. Keys live once, in a column indexed by id (8 bytes);
 * the hash table holds 4-byte slots and grows by half when 80% full, so a
 * stored state costs between 13 and 15.5 bytes. Typed arrays only.
 */
export class KeySet {
  private slots: Uint32Array;
  private readonly chunks: Float64Array[] = [];
  size = 0;

  constructor(expected = 1 << 12) {
    this.slots = new Uint32Array(Math.max(16, Math.ceil(expected / MAX_LOAD))).fill(EMPTY);
  }

  /** The key with id `id`. */
  keyOf(id: number): number {
    return (this.chunks[id >>> CHUNK_BITS] as Float64Array)[id & (CHUNK - 1)] as number;
  }

  /** The id of `key`, or -1 when absent. */
  get(key: number): number {
    const slots = this.slots;
    const capacity = slots.length;
    const h = hash(key);
    const fingerprint = h >>> 27;
    let slot = h % capacity;
    for (;;) {
      const value = slots[slot] as number;
      if (value === EMPTY) return -1;
      if ((value & (FINGERPRINT - 1)) === fingerprint) {
        const id = value >>> 5;
        if (this.keyOf(id) === key) return id;
      }
      if (++slot === capacity) slot = 0;
    }
  }

  /** Adds `key` if new and returns its id; an existing key gives ~id (negative). */
  add(key: number): number {
    const slots = this.slots;
    const capacity = slots.length;
    const h = hash(key);
    const fingerprint = h >>> 27;
    let slot = h % capacity;
    for (;;) {
      const value = slots[slot] as number;
      if (value === EMPTY) break;
      if ((value & (FINGERPRINT - 1)) === fingerprint) {
        const id = value >>> 5;
        if (this.keyOf(id) === key) return ~id;
      }
      if (++slot === capacity) slot = 0;
    }
    const id = this.size;
    if (id >= MAX_KEY_SET_SIZE) throw new RangeError(`a key set holds at most ${MAX_KEY_SET_SIZE} keys`);
    if ((id & (CHUNK - 1)) === 0) this.chunks.push(new Float64Array(CHUNK));
    (this.chunks[id >>> CHUNK_BITS] as Float64Array)[id & (CHUNK - 1)] = key;
    slots[slot] = id * FINGERPRINT + fingerprint;
    this.size = id + 1;
    if (this.size > capacity * MAX_LOAD) this.grow();
    return id;
  }

  /** Bytes held: the key column and the slots. */
  bytes(): number {
    return this.slots.byteLength + this.chunks.length * CHUNK * 8;
  }

  /** Rebuilds the table half as large again; the keys are read in id order from their column. */
  private grow(): void {
    const capacity = Math.ceil(this.slots.length * 1.5);
    // The old table is dropped first: the column has every key, so peak memory is the new table alone.
    this.slots = new Uint32Array(0);
    const slots = new Uint32Array(capacity).fill(EMPTY);
    for (let id = 0; id < this.size; id++) {
      const h = hash(this.keyOf(id));
      let slot = h % capacity;
      while (slots[slot] !== EMPTY) if (++slot === capacity) slot = 0;
      slots[slot] = id * FINGERPRINT + (h >>> 27);
    }
    this.slots = slots;
  }
}

/** Mixes both 32-bit halves of a key below 2^53 (MurmurHash3's finaliser). */
function hash(key: number): number {
  let h = (key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
