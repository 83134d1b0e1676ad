import { ruleEnabled } from '../model/guard.js';
import type { Model, ModelEvent } from '../model/model.js';
import type { Configuration } from './configuration.js';
import { PAIR_WIDTH, PairCodec, type PairKey, S } from './pair-codec.js';
import { type Step, stepTable } from './steps.js';
import { PairStepper } from './successors.js';

/**
 * A step of the whole system of K relationships: one relationship's step, or
 * an event that acts on every relationship at once (a host's crash, the
 * network failing). `pairSteps` are the one-pair steps it stands for.
 */
export interface SharedStep {
  /** Index among the shared steps. */
  index: number;
  /** The pair steps this shared step applies to each relationship (at most one is enabled at a time). */
  pairSteps: Step[];
  healing: boolean;
}

/** No successor under a shared step: the step is not enabled on this relationship. */
export const DISABLED = -1;

/**
 * The states one relationship can be in (a pair state of the one-pair
 * model, network included), numbered densely as they appear, and what each
 * step does to each of them. The system explorer moves relationships by
 * table lookups: the pair stepper runs once per local state and step, not
 * once per system state.
 */
export class LocalTable {
  readonly codec: PairCodec;
  /** Every step of the one-pair model, indexed by step id. */
  readonly steps: Step[];
  /** Steps that move a single relationship, in pair step order. */
  readonly relationshipSteps: Step[];
  /** Steps that move every relationship they are enabled on (network and host events). */
  readonly sharedSteps: SharedStep[];
  private readonly stepper: PairStepper;
  private readonly goal: readonly [number, number];
  private readonly index = new Map<number, number>();
  /** keys[l]: the pair key of local state l. */
  readonly keys: number[] = [];
  /** Whether local state l's successors have been computed. */
  private readonly expanded: boolean[] = [];
  /** Successors of l under relationship steps: moves[l] is a flat list of (step id, target) pairs, self-loops left out. */
  readonly moves: Int32Array[] = [];
  /** shared[l][h]: target of l under shared step h, DISABLED when not enabled (l itself when enabled but without effect). */
  readonly shared: Int32Array[] = [];
  /** ruleFired[r]: rule r is enabled in some expanded local state. */
  readonly ruleFired: boolean[];
  /** Per local state: link ok, no protocol move, and not the goal. */
  readonly stuck: boolean[] = [];
  readonly isGoal: boolean[] = [];
  private readonly pair = new Int32Array(PAIR_WIDTH);
  private readonly next = new Int32Array(PAIR_WIDTH);

  constructor(
    readonly model: Model,
    readonly config: Configuration,
    goal: readonly [number, number],
    /** The most local states a system key has room for. */
    private readonly maxLocals = Number.POSITIVE_INFINITY,
  ) {
    this.codec = new PairCodec(model);
    this.stepper = new PairStepper(model);
    this.goal = goal;
    this.ruleFired = model.rules.map(() => false);
    const steps = stepTable(model, config);
    this.steps = steps;
    this.relationshipSteps = steps.filter((s) => model.events[s.event]?.scope === 'relationship');
    const groups = new Map<string, Step[]>();
    for (const step of steps) {
      const event = model.events[step.event];
      if (!event || event.scope === 'relationship') continue;
      const group = `${step.server ?? 'network'}:${step.event}`;
      groups.set(group, [...(groups.get(group) ?? []), step]);
    }
    this.sharedSteps = [...groups.values()].map((pairSteps, index) => ({ index, pairSteps, healing: pairSteps[0]?.healing ?? false }));
  }

  /** How many local states have been numbered. */
  get size(): number {
    return this.keys.length;
  }

  /** The dense number of a pair key, numbering it if new. */
  intern(key: number): number {
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const l = this.keys.length;
    if (l >= this.maxLocals)
      throw new RangeError(
        `one relationship reached more than ${this.maxLocals} states, the most a system key holds with this many relationships; explore fewer relationships`,
      );
    this.index.set(key, l);
    this.keys.push(key);
    this.expanded.push(false);
    return l;
  }

  /** The pair state of local state l, unpacked into `into`. */
  pairOf(l: number, into: Int32Array = new Int32Array(PAIR_WIDTH)): Int32Array {
    return this.codec.unpack(this.keys[l] as PairKey, into);
  }

  /** Computes (once) what every step does to local state l. */
  expand(l: number): void {
    if (this.expanded[l]) return;
    this.expanded[l] = true;
    const { model, stepper, pair, next } = this;
    this.pairOf(l, pair);
    const moves: number[] = [];
    let protocol = false;
    for (const step of this.relationshipSteps) {
      if (!stepper.apply(step, pair, next)) continue;
      if (step.rule) this.ruleFired[step.rule.index] = true;
      const target = this.intern(this.codec.pack(next));
      if (target === l) continue;
      if (step.protocol) protocol = true;
      moves.push(step.id, target);
    }
    const shared = new Int32Array(this.sharedSteps.length).fill(DISABLED);
    for (const group of this.sharedSteps) {
      for (const step of group.pairSteps) {
        if (!stepper.apply(step, pair, next)) continue;
        if (step.rule) this.ruleFired[step.rule.index] = true;
        const target = this.intern(this.codec.pack(next));
        const earlier = shared[group.index] as number;
        if (earlier !== DISABLED && earlier !== target)
          throw new Error(`internal: shared step ${group.index} has two outcomes on one relationship; the checker should have refused the spec`);
        shared[group.index] = target;
      }
    }
    for (const rule of model.rules) {
      if (!rule.stay || this.ruleFired[rule.index]) continue;
      for (const server of [0, 1] as const) {
        const ctx = stepper.context(pair, server);
        const enabled = (e: number) => this.config.enabled[e] && ruleEnabled(model, rule, model.events[e] as ModelEvent, ctx);
        if (rule.events.some(enabled)) this.ruleFired[rule.index] = true;
      }
    }
    stepper.linkLostFired.forEach((fired, rule) => {
      if (fired) this.ruleFired[rule] = true;
    });
    this.moves[l] = Int32Array.from(moves);
    this.shared[l] = shared;
    const goal = pair[S[0]] === this.goal[0] && pair[S[1]] === this.goal[1];
    this.isGoal[l] = goal;
    this.stuck[l] = !protocol && stepper.linkOk(pair) && !goal;
  }
}
