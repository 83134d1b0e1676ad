import type { Model, RoleId } from '../model/model.js';
import type { Configuration } from './configuration.js';
import { entryBreach, entryWatches } from './entry-watch.js';
import { GrowableInt32 } from './growable.js';
import { goalStates, initialPair, PAIR_WIDTH, PairCodec, type PairKey, type PairState, S } from './pair-codec.js';
import { type Step, stepTable } from './steps.js';
import { PairStepper } from './successors.js';
import { VisitedSet } from './visited-set.js';

/** Options of one exploration, resolved by the caller. */
export interface ExploreOptions {
  /** Stop after this many states. @default 1_000_000_000 */
  maxStates: number;
  /** Stop when the process uses more memory than this many bytes. @default 8 GiB */
  maxBytes: number;
  /** Called every `progressEvery` states with the running counts. */
  onProgress?: (progress: ExploreProgress) => void;
  /** A power of two, so the check is a mask. @default 65536 */
  progressEvery: number;
}

export const DEFAULT_EXPLORE_OPTIONS: ExploreOptions = { maxStates: 1_000_000_000, maxBytes: 8 * 1024 ** 3, progressEvery: 1 << 16 };

export interface ExploreProgress {
  states: number;
  queued: number;
  depth: number;
  elapsedMs: number;
  /** Set after the exploration, while a property is checked over every state: how many are settled so far. */
  checking?: { property: string; settled: number };
  /** In a matrix run: which configuration, and its place among them (from 1). */
  configuration?: { name: string; index: number; count: number };
}

/**
 * The reachable graph of the pair under one configuration, kept as columns
 * of typed arrays indexed by state id (ids follow breadth-first order, so
 * the path back through `parent` is a shortest one).
 */
export interface ExploredGraph {
  model: Model;
  config: Configuration;
  codec: PairCodec;
  steps: Step[];
  keys: Int32Array;
  parent: Int32Array;
  parentStep: Int32Array;
  depth: Int32Array;
  /** Healing edges (from, to), for recoverability. */
  healingFrom: Int32Array;
  healingTo: Int32Array;
  /** Distinct (state, next state) pairs, self-loops excluded. */
  transitions: number;
  /** ruleFired[r]: rule r was enabled in some reachable state. */
  ruleFired: boolean[];
  /** reached[role][state]. */
  reached: [boolean[], boolean[]];
  /** First (so shallowest) state that is stuck: link ok, no protocol step, not the goal. */
  firstStuck: number;
  /** First state without any step, where the configuration has environment steps. */
  firstDeadlock: number;
  /** Per entry property (by name): the first step that entered a constrained state beside a partner not allowed. */
  entryViolations: Map<string, { from: number; step: number; to: number; server: RoleId; entered: number; shown: number }>;
  /** Whether the state is a goal state. */
  isGoal: (p: PairState) => boolean;
  /** Set when a limit ended the run early; the graph is then partial. */
  limit?: { kind: 'states' | 'memory'; reached: number };
  elapsedMs: number;
}

/**
 * Explores every pair state reachable from the initial one, breadth first.
 * @throws Error starting "internal:" if the model cannot be packed into 31 bits
 */
export function explore(model: Model, config: Configuration, options: ExploreOptions = DEFAULT_EXPLORE_OPTIONS): ExploredGraph {
  const started = performance.now();
  const codec = new PairCodec(model);
  if (!codec.fits()) throw new Error(`internal: a pair state needs ${codec.bits} bits; at most 31 are supported`);
  const steps = stepTable(model, config);
  const stepper = new PairStepper(model);

  const goal = goalStates(model);
  const isGoal = (p: PairState) => p[S[0]] === goal[0] && p[S[1]] === goal[1];

  const visited = new VisitedSet();
  const keys = new GrowableInt32();
  const parent = new GrowableInt32();
  const parentStep = new GrowableInt32();
  const depth = new GrowableInt32();
  const healingFrom = new GrowableInt32();
  const healingTo = new GrowableInt32();
  const ruleFired = model.rules.map(() => false);
  const reached: [boolean[], boolean[]] = [model.states.map(() => false), model.states.map(() => false)];
  const stayRules = model.rules.filter((r) => r.stay);
  const entries = entryWatches(model);
  const entryViolations: ExploredGraph['entryViolations'] = new Map();

  const add = (key: PairKey, from: number, step: number, d: number): number => {
    const id = visited.add(key);
    if (id < 0) return ~id;
    keys.push(key);
    parent.push(from);
    parentStep.push(step);
    depth.push(d);
    return id;
  };
  add(codec.pack(initialPair(model)), -1, -1, 0);

  const current = new Int32Array(PAIR_WIDTH);
  const next = new Int32Array(PAIR_WIDTH);
  const successorIds: number[] = [];
  let transitions = 0;
  let firstStuck = -1;
  let firstDeadlock = -1;
  let limit: ExploredGraph['limit'];

  for (let id = 0; id < keys.length; id++) {
    codec.unpack(keys.get(id) as PairKey, current);
    reached[0][current[S[0]] as number] = true;
    reached[1][current[S[1]] as number] = true;
    const d = depth.get(id);
    successorIds.length = 0;
    let protocolMoves = 0;
    for (const step of steps) {
      if (!stepper.apply(step, current, next)) continue;
      if (step.rule) ruleFired[step.rule.index] = true;
      const key = codec.pack(next);
      if (key === keys.get(id)) continue;
      if (keys.length >= options.maxStates && visited.get(key) < 0) {
        limit = { kind: 'states', reached: keys.length };
        break;
      }
      const to = add(key, id, step.id, d + 1);
      for (const entry of entries) {
        if (entryViolations.has(entry.name)) continue;
        const breach = entryBreach(model, entry, current, next);
        if (breach) entryViolations.set(entry.name, { from: id, step: step.id, to, ...breach });
      }
      if (step.protocol) protocolMoves++;
      if (!successorIds.includes(to)) {
        successorIds.push(to);
        transitions++;
      }
      if (step.healing) {
        healingFrom.push(id);
        healingTo.push(to);
      }
    }
    for (const rule of stayRules) {
      if (!ruleFired[rule.index] && stepper.stayRuleEnabled(rule, current, config.enabled)) ruleFired[rule.index] = true;
    }
    if (firstStuck < 0 && protocolMoves === 0 && stepper.linkOk(current) && !isGoal(current)) firstStuck = id;
    if (firstDeadlock < 0 && successorIds.length === 0 && config.hasEnvironment) firstDeadlock = id;
    if (limit) break;
    if ((id & (options.progressEvery - 1)) === 0 && id > 0) {
      options.onProgress?.({ states: keys.length, queued: keys.length - id - 1, depth: d, elapsedMs: performance.now() - started });
      const used = process.memoryUsage();
      if (used.heapUsed + used.arrayBuffers > options.maxBytes) {
        limit = { kind: 'memory', reached: keys.length };
        break;
      }
    }
  }

  stepper.linkLostFired.forEach((fired, rule) => {
    if (fired) ruleFired[rule] = true;
  });
  const graph: ExploredGraph = {
    model,
    config,
    codec,
    steps,
    keys: keys.view(),
    parent: parent.view(),
    parentStep: parentStep.view(),
    depth: depth.view(),
    healingFrom: healingFrom.view(),
    healingTo: healingTo.view(),
    transitions,
    ruleFired,
    reached,
    firstStuck,
    firstDeadlock,
    entryViolations,
    isGoal,
    elapsedMs: performance.now() - started,
  };
  if (limit) graph.limit = limit;
  return graph;
}

/** Unpacks the state with id `id` of a graph. */
export function pairStateOf(graph: ExploredGraph, id: number, into: PairState = new Int32Array(PAIR_WIDTH)): PairState {
  return graph.codec.unpack(graph.keys[id] as PairKey, into);
}
