import type { SystemCodec } from './system-codec.js';

/** No successor under a shared step (the local table's DISABLED, kept here so a worker loads no model code). */
const DISABLED = -1;

/**
 * What each step does to each local state, as the local table computed it:
 * flat arrays a worker thread receives as they are.
 */
export interface StepTables {
  /** (step id, target) pairs of local state l in moveData[moveStart[l] .. moveEnd[l]). */
  moveStart: Int32Array;
  moveEnd: Int32Array;
  moveData: Int32Array;
  /** sharedData[l * sharedCount + h]: the target of l under shared step h, or -1 when the step is not enabled there. */
  sharedData: Int32Array;
  sharedCount: number;
}

/** Scratch of successorsOf, one set per thread: nothing is allocated per state. */
export interface SuccessorScratch {
  tuple: Int32Array;
  work: Int32Array;
  /** Room for the most successors a state can have: one per relationship step and relationship, one per shared step. */
  out: Float64Array;
}

/**
 * Writes the distinct successors of the system state `key` into
 * `scratch.out` (self-loops left out) and returns how many there are:
 * each relationship step moves one relationship by table lookup, each shared
 * step moves every relationship it is enabled on. The single-threaded
 * explorer and the workers of a parallel run both expand states with it.
 */
export function successorsOf(key: number, steps: StepTables, codec: SystemCodec, scratch: SuccessorScratch): number {
  const { tuple, work, out } = scratch;
  const { moveStart, moveEnd, moveData, sharedData, sharedCount } = steps;
  const k = codec.relationships;
  let count = 0;
  codec.unpack(key, tuple);
  for (let i = 0; i < k; i++) {
    const l = tuple[i] as number;
    // With symmetry, equal neighbours give the same successors up to order.
    if (codec.symmetry && i > 0 && tuple[i - 1] === l) continue;
    const end = moveEnd[l] as number;
    for (let m = (moveStart[l] as number) + 1; m < end; m += 2) {
      // A loop, not work.set(tuple): for a handful of entries the builtin costs more than the copy.
      for (let c = 0; c < k; c++) work[c] = tuple[c] as number;
      work[i] = moveData[m] as number;
      count = addDistinct(out, count, key, codec.pack(work));
    }
  }
  for (let h = 0; h < sharedCount; h++) {
    let enabled = false;
    for (let i = 0; i < k; i++) {
      const target = sharedData[(tuple[i] as number) * sharedCount + h] as number;
      if (target === DISABLED) work[i] = tuple[i] as number;
      else {
        work[i] = target;
        enabled = true;
      }
    }
    if (enabled) count = addDistinct(out, count, key, codec.pack(work));
  }
  return count;
}

/** Appends `successor` to out[0 .. count) unless it is `key` itself or already there; returns the new count. */
function addDistinct(out: Float64Array, count: number, key: number, successor: number): number {
  if (successor === key) return count;
  for (let s = 0; s < count; s++) if (out[s] === successor) return count;
  out[count] = successor;
  return count + 1;
}
