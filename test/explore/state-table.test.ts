import { describe, expect, it } from 'vitest';
import { StateTable } from '../../src/explore/state-table.js';

/** Keys spread like packed states: below 2^53, with repeats. */
function keysOf(count: number, seed: number): Float64Array {
  const keys = new Float64Array(count);
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s;
  };
  for (let i = 0; i < count; i++) keys[i] = i % 7 === 0 && i > 0 ? (keys[next() % i] as number) : (next() & 0xfffff) * 2 ** 32 + next();
  return keys;
}

describe('the state table', () => {
  it('adds a batch as add does key by key: the same keys, depths and new ones, each new key reported once', () => {
    const first = keysOf(60_000, 7);
    const second = keysOf(80_000, 11);
    // Half of the second batch repeats keys of the first.
    for (let i = 0; i < second.length; i += 2) second[i] = first[i % first.length] as number;
    const one = new StateTable();
    const batched = new StateTable();
    for (const [depth, keys] of [first, second].entries()) {
      const expected: number[] = [];
      for (const key of keys) if (one.add(key, depth)) expected.push(key);
      const reported: number[] = [];
      const added = batched.addBatch(keys, keys.length, depth, (key) => reported.push(key));
      expect(added).toBe(expected.length);
      expect(reported.sort((a, b) => a - b).join()).toBe(expected.sort((a, b) => a - b).join());
    }
    // Large enough for several regions, so the keys were really reordered.
    expect(batched.capacity).toBeGreaterThan(1 << 16);
    expect(batched.size).toBe(one.size);
    const differ: number[] = [];
    for (let slot = 0; slot < one.capacity; slot++) {
      if (!one.used(slot)) continue;
      const at = batched.slotOf(one.keyAt(slot));
      if (at < 0 || batched.depthAt(at) !== one.depthAt(slot)) differ.push(one.keyAt(slot));
    }
    expect(differ).toEqual([]);
  });

  it('takes only the first count keys of the batch', () => {
    const table = new StateTable();
    const keys = Float64Array.from([5, 6, 7, 8]);
    expect(table.addBatch(keys, 2, 0, () => {})).toBe(2);
    expect(table.slotOf(7)).toBe(-1);
    expect(table.slotOf(6)).toBeGreaterThanOrEqual(0);
  });
});
