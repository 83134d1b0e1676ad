import { DISABLED, type LocalTable } from './local-table.js';

/** Sequences of shared healing steps tried before each relationship heals alone: a network back, two hosts restarted. */
const MAX_SEQUENCE = 4;
/** The most 32-bit words the bit sets may take (64 MiB). */
const MAX_WORDS = 1 << 24;

/**
 * Whether a system state heals after a few shared healing steps (each at
 * most once, in any order, each one moving some relationship), once every
 * relationship can then heal alone. Shared steps act on each relationship
 * by itself, so this is decided per local state in advance: for every
 * sequence of shared healing steps, one bit per local state says whether it
 * ends healing alone, and one bit per step whether it moves that local
 * state. A system state then costs a few word operations per relationship
 * instead of a search over the sequences.
 */
export class SharedHealing {
  /** Words of one bit set over the sequences. */
  private readonly words: number;
  private readonly steps: number;
  private readonly locals: number;
  /** endsHealed[l * words + w]: bit q set when local state l, after sequence q, heals alone. */
  private readonly endsHealed: Int32Array;
  /** moves[(j * locals + l) * words + w]: bit q set when step j of sequence q moves l (or q has no step j). */
  private readonly moves: Int32Array;

  /**
   * The bit sets for `locals` local states and `healingSteps` shared healing
   * steps, or undefined when they would take more than 64 MiB (many shared
   * healing steps make many sequences). Callers then go without: the
   * walks of the recoverability check decide every state anyway, this only
   * settles most of them sooner.
   */
  static within(table: LocalTable, alone: Uint8Array, healingSteps: readonly number[]): SharedHealing | undefined {
    let sequences = 0;
    for (let d = 1, count = 1; d <= Math.min(MAX_SEQUENCE, healingSteps.length); d++) {
      count *= healingSteps.length - d + 1;
      sequences += count;
    }
    const words = Math.max(1, Math.ceil(sequences / 32));
    if (table.size * words * (1 + Math.min(MAX_SEQUENCE, healingSteps.length)) > MAX_WORDS) return undefined;
    return new SharedHealing(table, alone, healingSteps);
  }

  /**
   * @param alone alone[l] = 1 when local state l heals by its own healing steps
   * @param healingSteps the shared steps that count as healing, by index
   */
  private constructor(table: LocalTable, alone: Uint8Array, healingSteps: readonly number[]) {
    const sequences: number[][] = [];
    const extend = (prefix: number[]): void => {
      for (const h of healingSteps) {
        if (prefix.includes(h)) continue;
        const sequence = [...prefix, h];
        sequences.push(sequence);
        if (sequence.length < MAX_SEQUENCE) extend(sequence);
      }
    };
    extend([]);
    const locals = table.size;
    const words = Math.max(1, Math.ceil(sequences.length / 32));
    const steps = Math.min(MAX_SEQUENCE, healingSteps.length);
    this.words = words;
    this.steps = steps;
    this.locals = locals;
    this.endsHealed = new Int32Array(locals * words);
    this.moves = new Int32Array(steps * locals * words);
    sequences.forEach((sequence, q) => {
      const w = q >>> 5;
      const bit = 1 << (q & 31);
      for (let l = 0; l < locals; l++) {
        let at = l;
        for (let j = 0; j < steps; j++) {
          const h = sequence[j];
          let moves = true;
          if (h !== undefined) {
            const to = table.sharedTarget(at, h);
            moves = to !== DISABLED && to !== at;
            if (to !== DISABLED) at = to;
          }
          if (moves) this.moves[(j * locals + l) * words + w] = (this.moves[(j * locals + l) * words + w] as number) | bit;
        }
        if (alone[at] === 1) this.endsHealed[l * words + w] = (this.endsHealed[l * words + w] as number) | bit;
      }
    });
  }

  /** Whether the state of the first `k` relationships in `tuple` heals this way. */
  heals(tuple: Int32Array, k: number): boolean {
    const { words, steps, locals, endsHealed, moves } = this;
    for (let w = 0; w < words; w++) {
      // The sequences after which every relationship heals alone...
      let ok = -1;
      for (let i = 0; i < k; i++) ok &= endsHealed[(tuple[i] as number) * words + w] as number;
      // ...and whose every step moves some relationship.
      for (let j = 0; j < steps && ok !== 0; j++) {
        let any = 0;
        for (let i = 0; i < k; i++) any |= moves[(j * locals + (tuple[i] as number)) * words + w] as number;
        ok &= any;
      }
      if (ok !== 0) return true;
    }
    return false;
  }
}
