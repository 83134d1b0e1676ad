import type { Model } from '../model/model.js';
import { NO_MEMORY } from '../model/model.js';

/**
 * A pair state, unpacked: for each server its state, memory (NO_MEMORY for
 * none) and flag (0/1), then the network (1 up, 0 down).
 * Layout: [state0, memory0, flag0, state1, memory1, flag1, network].
 */
export type PairState = Int32Array;

export const S = [0, 3] as const;
export const M = [1, 4] as const;
export const F = [2, 5] as const;
export const NET = 6;
export const PAIR_WIDTH = 7;

/** Serialized pair state: a packed unsigned integer (31 bits at most). */
export type PairKey = number & { readonly __brand: 'PairKey' };

/**
 * Packs pair states into one integer, a few bits per field, so the explorer
 * stores no object per state. The widths come from the model's size.
 */
export class PairCodec {
  readonly stateBits: number;
  readonly memoryBits: number;
  readonly bits: number;

  constructor(model: Model) {
    this.stateBits = bitsFor(model.states.length);
    this.memoryBits = bitsFor(model.states.length + 1);
    this.bits = 2 * (this.stateBits + this.memoryBits + 1) + 1;
  }

  /** Whether every pair state fits in one 31-bit key. */
  fits(): boolean {
    return this.bits <= 31;
  }

  pack(p: PairState): PairKey {
    let key = p[NET] as number;
    for (const i of [1, 0] as const) {
      key = key * 2 + (p[F[i]] as number);
      key = key * 2 ** this.memoryBits + ((p[M[i]] as number) - NO_MEMORY);
      key = key * 2 ** this.stateBits + (p[S[i]] as number);
    }
    return key as PairKey;
  }

  unpack(key: PairKey, into: PairState): PairState {
    let rest = key as number;
    for (const i of [0, 1] as const) {
      into[S[i]] = rest % 2 ** this.stateBits;
      rest = Math.floor(rest / 2 ** this.stateBits);
      into[M[i]] = (rest % 2 ** this.memoryBits) + NO_MEMORY;
      rest = Math.floor(rest / 2 ** this.memoryBits);
      into[F[i]] = rest % 2;
      rest = Math.floor(rest / 2);
    }
    into[NET] = rest;
    return into;
  }
}

function bitsFor(values: number): number {
  return Math.max(1, Math.ceil(Math.log2(values)));
}
