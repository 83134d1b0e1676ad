import { hash53 } from '../hash.js';
import { type StateRegion, StateTable, type StateTableParts } from '../state-table.js';

/**
 * The worker that owns a key: the hash's low 16 bits modulo the worker
 * count. A partition's table places keys by the hash's high bits, so the
 * bits that choose the owner barely overlap those that choose the slot and
 * every partition stays evenly spread.
 */
export function ownerOf(key: number, workers: number): number {
  return (hash53(key) & 0xffff) % workers;
}

/** Global slots of a partition start at a multiple of 2^16, so a slot's partition is one table lookup. */
const PAGE_BITS = 16;

/**
 * The visited set of a parallel run: one state table per worker, seen as
 * one. A state's global slot is its partition's offset plus its slot there
 * (offsets are page aligned; the slots between partitions are never used),
 * and `slotOf` asks the partition that owns the key. What the properties
 * and traces read (`size`, `capacity`, `used`, `keyAt`, `depthAt`,
 * `slotOf`) means the same as on a single table.
 */
export class PartitionedStateTable {
  private readonly parts: StateTable[];
  private readonly offsets: number[];
  /** pageOwner[slot >>> 16]: the partition that global slot belongs to. */
  private readonly pageOwner: Uint8Array | Uint16Array;
  readonly size: number;
  readonly capacity: number;

  constructor(parts: readonly StateTableParts[]) {
    this.parts = parts.map((p) => StateTable.fromParts(p));
    this.offsets = [];
    let offset = 0;
    for (const part of this.parts) {
      this.offsets.push(offset);
      offset += Math.ceil(part.capacity / 2 ** PAGE_BITS) * 2 ** PAGE_BITS;
    }
    this.capacity = offset;
    this.pageOwner = this.parts.length <= 256 ? new Uint8Array(offset / 2 ** PAGE_BITS) : new Uint16Array(offset / 2 ** PAGE_BITS);
    this.parts.forEach((part, p) => {
      const first = (this.offsets[p] as number) / 2 ** PAGE_BITS;
      this.pageOwner.fill(p, first, first + Math.ceil(part.capacity / 2 ** PAGE_BITS));
    });
    this.size = this.parts.reduce((sum, part) => sum + part.size, 0);
  }

  /** The global slot of `key`, or -1 when absent. */
  slotOf(key: number): number {
    const p = ownerOf(key, this.parts.length);
    const slot = (this.parts[p] as StateTable).slotOf(key);
    return slot < 0 ? -1 : (this.offsets[p] as number) + slot;
  }

  used(slot: number): boolean {
    const p = this.pageOwner[slot >>> PAGE_BITS] as number;
    const local = slot - (this.offsets[p] as number);
    const part = this.parts[p] as StateTable;
    return local < part.capacity && part.used(local);
  }

  keyAt(slot: number): number {
    const p = this.pageOwner[slot >>> PAGE_BITS] as number;
    return (this.parts[p] as StateTable).keyAt(slot - (this.offsets[p] as number));
  }

  depthAt(slot: number): number {
    const p = this.pageOwner[slot >>> PAGE_BITS] as number;
    return (this.parts[p] as StateTable).depthAt(slot - (this.offsets[p] as number));
  }

  /** Each partition with its first global slot. */
  regions(): readonly StateRegion[] {
    return this.parts.map((table, p) => ({ table, offset: this.offsets[p] as number }));
  }

  /** Bytes held by every partition (the unused slots between partitions take none). */
  bytes(): number {
    return this.parts.reduce((sum, part) => sum + part.bytes(), 0);
  }
}
