import type { Model, RoleId } from '../model/model.js';
import { NO_MEMORY } from '../model/model.js';

/**
 * A pair state, unpacked: for each server its state, memory (NO_MEMORY for
 * none) and flag (0/1), then the network (1 up, 0 down).
 * Layout: [state0, memory0, flag0, state1, memory1, flag1, network].
 */
export type PairState = Int32Array;

/** Index of each server's state: S[server]. Only the codec indexes directly; other code goes through the accessors below. */
const S = [0, 3] as const;
/** Index of each server's remembered state (NO_MEMORY for none): M[server]. */
const M = [1, 4] as const;
/** Index of each server's flag (0 or 1): F[server]. */
const F = [2, 5] as const;
/** Index of the network (1 up, 0 down). */
const NET = 6;
export const PAIR_WIDTH = 7;

/** The state of `server` in `p`. */
export function stateOf(p: PairState, server: RoleId): number {
  return p[S[server]] as number;
}

/** The state `server` remembers in `p`, or NO_MEMORY. */
export function memoryOf(p: PairState, server: RoleId): number {
  return p[M[server]] as number;
}

/** Whether the flag of `server` is set in `p`. */
export function flagOf(p: PairState, server: RoleId): boolean {
  return p[F[server]] === 1;
}

/** Whether the network is up in `p`. */
export function networkUp(p: PairState): boolean {
  return p[NET] === 1;
}

/** Puts `server` in `state` in `p`. */
export function setState(p: PairState, server: RoleId, state: number): void {
  p[S[server]] = state;
}

/** Sets the state `server` remembers in `p` (NO_MEMORY for none). */
export function setMemory(p: PairState, server: RoleId, memory: number): void {
  p[M[server]] = memory;
}

/** Sets or clears the flag of `server` in `p`. */
export function setFlag(p: PairState, server: RoleId, flag: boolean): void {
  p[F[server]] = flag ? 1 : 0;
}

/** Sets the network of `p` up or down. */
export function setNetwork(p: PairState, up: boolean): void {
  p[NET] = up ? 1 : 0;
}

/** The other server of the pair. */
export function partnerOf(server: RoleId): RoleId {
  return server === 0 ? 1 : 0;
}

/** Serialized pair state: a packed unsigned integer (31 bits at most). */
export type PairKey = number & { readonly __brand: 'PairKey' };

/**
 * Packs pair states into one integer, a few bits per field, so the explorer
 * and the local table store no object per pair state. The widths come from
 * the model's size (the checker refuses a spec too large for 31 bits).
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
    // Unrolled, integer arithmetic only (the key has at most 31 bits): this runs once per step tried.
    const sb = this.stateBits;
    const mb = this.memoryBits;
    let key = p[NET] as number;
    key = (key << 1) | (p[5] as number);
    key = (key << mb) | ((p[4] as number) - NO_MEMORY);
    key = (key << sb) | (p[3] as number);
    key = (key << 1) | (p[2] as number);
    key = (key << mb) | ((p[1] as number) - NO_MEMORY);
    key = (key << sb) | (p[0] as number);
    return key as PairKey;
  }

  unpack(key: PairKey, into: PairState): PairState {
    const sb = this.stateBits;
    const mb = this.memoryBits;
    let rest = key as number;
    into[0] = rest & ((1 << sb) - 1);
    rest >>>= sb;
    into[1] = (rest & ((1 << mb) - 1)) + NO_MEMORY;
    rest >>>= mb;
    into[2] = rest & 1;
    rest >>>= 1;
    into[3] = rest & ((1 << sb) - 1);
    rest >>>= sb;
    into[4] = (rest & ((1 << mb) - 1)) + NO_MEMORY;
    rest >>>= mb;
    into[5] = rest & 1;
    rest >>>= 1;
    into[NET] = rest;
    return into;
  }
}

/** The initial pair state the spec declares: both servers in the initial state, nothing remembered, no flag. */
export function initialPair(model: Model): PairState {
  const pair = model.spec.pair;
  if (!pair) throw new Error('internal: explore needs the spec to declare `pair`');
  const state = model.stateByName.get(pair.initial.state) as number;
  return Int32Array.of(state, NO_MEMORY, 0, state, NO_MEMORY, 0, pair.initial.network === 'up' ? 1 : 0);
}

/** The goal state of each role, as state ids (-1 when the spec names none). */
export function goalStates(model: Model): [number, number] {
  const goal = model.spec.pair?.goal ?? {};
  return [model.stateByName.get(goal[model.roles[0]] ?? '') ?? -1, model.stateByName.get(goal[model.roles[1]] ?? '') ?? -1];
}

function bitsFor(values: number): number {
  return Math.max(1, Math.ceil(Math.log2(values)));
}
