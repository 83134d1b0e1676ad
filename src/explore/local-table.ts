import type { Model, ModelRule, RoleId } from '../model/model.js';
import type { Configuration } from './configuration.js';
import { PAIR_WIDTH, PairCodec, type PairKey, type PairState, stateOf } from './pair-codec.js';
import { PairStepper } from './pair-stepper.js';
import { type Step, sharedStepGroups, stepTable } from './steps.js';

/** Both servers of a pair, as a constant: a literal in a loop would be a new array on every call. */
const BOTH = [0, 1] as const;

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
  /** sharedSteps.length: the row width of sharedData. */
  readonly sharedCount: number;
  private readonly stepper: PairStepper;
  private readonly goal: readonly [number, number];
  private readonly index = new Map<number, number>();
  /** keys[l]: the pair key of local state l. */
  readonly keys: number[] = [];
  /**
   * Successors of l under relationship steps, self-loops left out: the
   * (step id, target) pairs in moveData[moveStart[l] .. moveEnd[l]). moveStart[l]
   * is -1 until l is expanded. Flat typed arrays: nothing allocated per state.
   * (They are replaced as they grow: read them after `expand`.)
   */
  moveData = new Int32Array(1 << 10);
  moveStart = new Int32Array(1 << 8).fill(-1);
  moveEnd = new Int32Array(1 << 8);
  private moveLength = 0;
  /** sharedData[l * sharedSteps.length + h]: target of l under shared step h, DISABLED when not enabled (l itself when enabled but without effect). */
  sharedData = new Int32Array(1 << 8);
  /** ruleFired[r]: rule r is enabled in some expanded local state (link-lost rules: see firedRules). */
  private readonly ruleFired: boolean[];
  /**
   * stepsFrom[server][state]: the relationship steps that can move `server` out of `state`,
   * in step order (rule-less steps are listed under every state).
   */
  private readonly stepsFrom: Step[][][];
  /** Per local state: link ok, no protocol move, and not the goal. */
  readonly stuck: boolean[] = [];
  readonly isGoal: boolean[] = [];
  /** Rules that document "nothing happens": fired when enabled, never a step. */
  private readonly stayRules: ModelRule[];
  private readonly pair = new Int32Array(PAIR_WIDTH);
  private readonly next = new Int32Array(PAIR_WIDTH);
  private readonly scratch = new Int32Array(PAIR_WIDTH);

  constructor(
    readonly model: Model,
    readonly config: Configuration,
    goal: readonly [number, number],
    /** The most local states a system key has room for. */
    private readonly maxLocals = Number.POSITIVE_INFINITY,
  ) {
    this.codec = new PairCodec(model);
    if (!this.codec.fits()) throw new Error(`internal: a pair state of this spec needs ${this.codec.bits} bits; at most 31 are supported`);
    this.stepper = new PairStepper(model);
    this.goal = goal;
    this.ruleFired = model.rules.map(() => false);
    this.stayRules = model.rules.filter((r) => r.stay);
    const steps = stepTable(model, config);
    this.steps = steps;
    this.relationshipSteps = steps.filter((s) => model.events[s.event]?.scope === 'relationship');
    this.stepsFrom = stepsByState(model, this.relationshipSteps);
    this.sharedSteps = sharedStepGroups(model, steps).map((pairSteps, index) => ({ index, pairSteps, healing: pairSteps[0]?.healing ?? false }));
    this.sharedCount = this.sharedSteps.length;
  }

  /** Which rules fired in the expanded local states, link-lost rules included. */
  firedRules(): boolean[] {
    return this.ruleFired.map((fired, rule) => fired || (this.stepper.linkLostFired[rule] ?? false));
  }

  /** How many local states have been numbered. */
  get size(): number {
    return this.keys.length;
  }

  /**
   * Set when a pair state could not be numbered: one relationship needs more
   * local states than a system key has room for. The state being expanded is
   * then left unexpanded, and the explorer ends the run at this limit.
   */
  full = false;

  /** The dense number of a pair key, numbering it if new; -1 (and `full` set) when there is no room left. */
  intern(key: number): number {
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const l = this.keys.length;
    if (l >= this.maxLocals) {
      this.full = true;
      return -1;
    }
    this.index.set(key, l);
    this.keys.push(key);
    if (l === this.moveStart.length) {
      this.moveStart = grown(this.moveStart, -1);
      this.moveEnd = grown(this.moveEnd, 0);
    }
    return l;
  }

  /** The pair state of local state l, unpacked into `into`. */
  pairOf(l: number, into: Int32Array = new Int32Array(PAIR_WIDTH)): Int32Array {
    return this.codec.unpack(this.keys[l] as PairKey, into);
  }

  /** Whether `step` is enabled in pair state `p` (a rule's step only from the rule's state). */
  enables(step: Step, p: PairState): boolean {
    if (step.rule && step.rule.from !== stateOf(p, step.server as RoleId)) return false;
    return this.stepper.apply(step, p, this.scratch);
  }

  /** Whether local state l's successors have been computed. */
  isExpanded(l: number): boolean {
    return l < this.keys.length && (this.moveStart[l] as number) >= 0;
  }

  /** Target of local state l under shared step h: DISABLED when not enabled there, and when l was never expanded (only past a limit). */
  sharedTarget(l: number, h: number): number {
    return this.isExpanded(l) ? (this.sharedData[l * this.sharedCount + h] as number) : DISABLED;
  }

  /** Computes (once) what every step does to local state l. */
  expand(l: number): void {
    if ((this.moveStart[l] as number) >= 0) return;
    const { stepper, pair, next } = this;
    this.pairOf(l, pair);
    const start = this.moveLength;
    let protocol = false;
    for (const server of BOTH) {
      for (const step of this.stepsFrom[server]?.[stateOf(pair, server)] ?? []) {
        if (!stepper.apply(step, pair, next)) continue;
        if (step.rule) this.ruleFired[step.rule.index] = true;
        const target = this.intern(this.codec.pack(next));
        if (target < 0) {
          this.abandon(l, start);
          return;
        }
        if (target === l) continue;
        if (step.protocol) protocol = true;
        if (this.moveLength + 2 > this.moveData.length) this.moveData = grown(this.moveData, 0);
        this.moveData[this.moveLength++] = step.id;
        this.moveData[this.moveLength++] = target;
      }
    }
    this.moveStart[l] = start;
    this.moveEnd[l] = this.moveLength;
    const count = this.sharedCount;
    while ((l + 1) * count > this.sharedData.length) this.sharedData = grown(this.sharedData, 0);
    const shared = this.sharedData;
    shared.fill(DISABLED, l * count, (l + 1) * count);
    for (const group of this.sharedSteps) {
      for (const step of group.pairSteps) {
        if (step.rule && step.rule.from !== stateOf(pair, step.server as RoleId)) continue;
        if (!stepper.apply(step, pair, next)) continue;
        if (step.rule) this.ruleFired[step.rule.index] = true;
        const target = this.intern(this.codec.pack(next));
        if (target < 0) {
          this.abandon(l, start);
          return;
        }
        const slot = l * count + group.index;
        const earlier = shared[slot] as number;
        if (earlier !== DISABLED && earlier !== target)
          throw new Error(`internal: shared step ${group.index} has two outcomes on one relationship; the checker should have refused the spec`);
        shared[slot] = target;
      }
    }
    for (const rule of this.stayRules) {
      // A rule can only fire for a server in its state: most local states are in neither.
      if (this.ruleFired[rule.index] || (rule.from !== stateOf(pair, 0) && rule.from !== stateOf(pair, 1))) continue;
      if (stepper.stayRuleEnabled(rule, pair, this.config.enabled)) this.ruleFired[rule.index] = true;
    }
    const goal = stateOf(pair, 0) === this.goal[0] && stateOf(pair, 1) === this.goal[1];
    this.isGoal[l] = goal;
    this.stuck[l] = !protocol && stepper.linkOk(pair) && !goal;
  }

  /** Leaves a local state unexpanded after the table ran out of room, dropping the moves recorded for it. */
  private abandon(l: number, start: number): void {
    this.moveStart[l] = -1;
    this.moveLength = start;
  }
}

/** stepsFrom of the table: one pass over the steps (this runs once per exploration, and small runs are mostly set-up). */
function stepsByState(model: Model, steps: readonly Step[]): Step[][][] {
  const byState = BOTH.map(() => model.states.map((): Step[] => []));
  for (const step of steps) {
    if (step.server === undefined) continue;
    const lists = byState[step.server] as Step[][];
    if (step.rule) lists[step.rule.from]?.push(step);
    else for (const list of lists) list.push(step);
  }
  return byState;
}

/** A copy of `array` twice as long, the new half filled with `fill`. */
function grown(array: Int32Array<ArrayBuffer>, fill: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}
