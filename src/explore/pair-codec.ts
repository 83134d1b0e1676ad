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

/** Serialized pair state: a packed non-negative integer below 2^53. */
export type PairKey = number & { readonly __brand: 'PairKey' };

/** Keys stay exact integers in a double: below 2^53. */
const KEY_BITS = 53;

/**
 * Packs pair states into one integer, a few bits per field, so the local
 * table stores no object per pair state. The widths come from the model's
 * size. Digits are combined by multiplication, not shifts, so a key may use
 * more than 32 bits; this runs once per local state and step, not per
 * state of the whole.
 */
export class PairCodec {
  readonly stateBits: number;
  readonly memoryBits: number;
  readonly bits: number;
  /** The radix of each field, in layout order. */
  private readonly radices: number[];

  constructor(model: Model) {
    this.stateBits = bitsFor(model.states.length);
    this.memoryBits = bitsFor(model.states.length + 1);
    this.bits = 2 * (this.stateBits + this.memoryBits + 1) + 1;
    const server = [2 ** this.stateBits, 2 ** this.memoryBits, 2];
    this.radices = [...server, ...server, 2];
  }

  /** Whether every pair state fits in one key. */
  fits(): boolean {
    return this.bits <= KEY_BITS;
  }

  pack(p: PairState): PairKey {
    let key = 0;
    for (let i = PAIR_WIDTH - 1; i >= 0; i--) key = key * (this.radices[i] as number) + digit(p, i);
    return key as PairKey;
  }

  unpack(key: PairKey, into: PairState): PairState {
    let rest = key as number;
    for (let i = 0; i < PAIR_WIDTH; i++) {
      const radix = this.radices[i] as number;
      const d = rest % radix;
      into[i] = i === M[0] || i === M[1] ? d + NO_MEMORY : d;
      rest = (rest - d) / radix;
    }
    return into;
  }
}

/** Field i of `p` as a non-negative digit (memory is shifted past NO_MEMORY). */
function digit(p: PairState, i: number): number {
  const v = p[i] as number;
  return i === M[0] || i === M[1] ? v - NO_MEMORY : v;
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
