import { availableParallelism } from 'node:os';
import type { Model } from '../model/model.js';
import type { Configuration } from './configuration.js';
import { KeyList } from './key-list.js';
import { LocalTable } from './local-table.js';
import { goalStates, initialPair } from './pair-codec.js';
import { exploreInParallel } from './parallel/coordinator.js';
import { type StateRegion, StateTable } from './state-table.js';
import { SystemCodec } from './system-codec.js';
import { type SuccessorScratch, successorsOf } from './system-successors.js';

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
  /**
   * Worker threads that share the search once a level is large enough
   * (see `parallelThreshold`); 1 keeps the whole run on the calling thread.
   * Counts, verdicts and traces are the same for any number.
   * @default os.availableParallelism()
   */
  workers?: number;
  /**
   * The workers start at the first breadth-first level with at least this
   * many states; smaller runs never pay their start-up. 0 starts them at
   * once (the tests use it to run them on small models).
   * @default 50_000
   */
  parallelThreshold?: number;
  /** @internal A test hook: worker 0 of a parallel run throws at this parallel level. */
  crashAtLevel?: number;
}

/** The level size from which workers are worth starting (measured: see docs/explore.md). */
export const DEFAULT_PARALLEL_THRESHOLD = 50_000;

export const DEFAULT_EXPLORE_OPTIONS: ExploreOptions = {
  maxStates: 1_000_000_000,
  maxBytes: 8 * 1024 ** 3,
  progressEvery: 1 << 16,
  workers: availableParallelism(),
  parallelThreshold: DEFAULT_PARALLEL_THRESHOLD,
};

/** What the properties and traces read of the visited set: a single table, or the partitions of a parallel run seen as one. */
export interface VisitedStates {
  readonly size: number;
  /** Slots number the states: from 0 to capacity - 1, some unused. */
  readonly capacity: number;
  used(slot: number): boolean;
  keyAt(slot: number): number;
  depthAt(slot: number): number;
  /** The slot of `key`, or -1 when absent. */
  slotOf(key: number): number;
  /** Bytes held by the set. */
  bytes(): number;
  /**
   * The set as whole tables, each with the global slot of its slot 0: a
   * scan over every state walks these directly, without a lookup per slot.
   */
  regions(): readonly StateRegion[];
}

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
 * What ended a run early; the graph is then partial and its verdicts are not
 * final. `states` and `memory` are the options' limits; `relationship-states`:
 * one relationship took more local states than a key has room for with this
 * many relationships (`reached` is that room).
 */
export interface ExploreLimit {
  kind: 'states' | 'memory' | 'relationship-states';
  reached: number;
}

/** The shape of a run: how many relationships run between the two hosts, and whether their order counts. */
export interface Shape {
  relationships: number;
  symmetry: boolean;
}

/** One relationship: the pair of servers. */
export const PAIR_SHAPE: Shape = { relationships: 1, symmetry: true };

/**
 * The reachable states of K relationships between one pair of hosts. States
 * are kept only as packed keys with their breadth-first depth; what a
 * relationship can do lives in the local table, so properties of one
 * relationship are read from the local states that were reached.
 */
export interface ExploredGraph {
  model: Model;
  config: Configuration;
  shape: Shape;
  table: LocalTable;
  codec: SystemCodec;
  states: VisitedStates;
  /** levels[d]: how many states lie at depth d. */
  levels: number[];
  /** Distinct (state, next state) pairs, self-loops excluded. */
  transitions: number;
  /** System states the reduced ones stand for (equal to the state count without symmetry). */
  fullStates: number;
  /** firstSeen[l]: the smallest key among the shallowest system states with a relationship in local state l, or -1. */
  firstSeen: number[];
  /** Smallest key among the shallowest states without any step, where the configuration has environment steps; -1 when none. */
  firstDeadlock: number;
  /** How many worker threads explored (1: the calling thread alone). */
  workers: number;
  limit?: ExploreLimit;
  elapsedMs: number;
}

/** The initial local state: both servers in the initial state, nothing remembered. */
export function initialLocal(model: Model, table: LocalTable): number {
  return table.intern(table.codec.pack(initialPair(model)));
}

/**
 * Explores every state of K relationships reachable from the initial one,
 * breadth first, one level at a time. The local table is closed first:
 * every state one relationship can reach is numbered (in breadth-first
 * order from the initial one, the same for any K and any worker count) and
 * expanded. Relationship steps then move one relationship by table lookup;
 * shared steps (network, host) move every relationship they are enabled on.
 * Nothing is allocated per state. With one relationship (the default shape)
 * this is the plain pair. Once a level holds `parallelThreshold` states and
 * `workers` is above 1, worker threads take over the remaining levels.
 * A limit (states, memory, or more local states than a key holds) ends the
 * run with `limit` set, never with an exception.
 * @example
 * const graph = explore(model, resolveConfiguration(model, 'crashes'), { relationships: 2, symmetry: true });
 * const verdicts = checkProperties(graph);
 */
export function explore(model: Model, config: Configuration, shape: Shape = PAIR_SHAPE, options: ExploreOptions = DEFAULT_EXPLORE_OPTIONS): ExploredGraph {
  const started = performance.now();
  const k = shape.relationships;
  const codec = new SystemCodec(k, shape.symmetry && k > 1);
  const table = new LocalTable(model, config, goalStates(model), codec.radix);
  const initialL = initialLocal(model, table);
  for (let l = 0; l < table.size && !table.full; l++) table.expand(l);
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const threshold = options.parallelThreshold ?? DEFAULT_PARALLEL_THRESHOLD;
  // The calling thread's table; after a hand-over to workers, `states` is their partitions.
  const single = new StateTable();
  let states: VisitedStates = single;
  const firstSeen: number[] = new Array<number>(table.size).fill(-1);
  const firstDepth = new Int32Array(table.size).fill(-1);
  const seen = new Int32Array(k);
  // Distinct successors of the state being expanded: at most one per step and relationship.
  const maxSuccessors = k * table.relationshipSteps.length + table.sharedSteps.length + 1;
  const scratch: SuccessorScratch = { tuple: new Int32Array(k), work: new Int32Array(k), out: new Float64Array(maxSuccessors) };
  let frontier = new KeyList();
  let next = new KeyList();
  let transitions = 0;
  let fullStates = 0;
  let firstDeadlock = -1;
  let limit: ExploreLimit | undefined = table.full ? { kind: 'relationship-states', reached: codec.radix } : undefined;
  let expanded = 0;
  let usedWorkers = 1;

  /** Records a newly found state: its local states' first sighting (shallowest, then smallest key) and what it stands for. */
  const found = (key: number, depth: number): void => {
    codec.unpack(key, seen);
    fullStates += codec.orbitSize(seen);
    for (let i = 0; i < k; i++) {
      const l = seen[i] as number;
      const known = firstSeen[l] as number;
      if (known === -1 || (firstDepth[l] === depth && key < known)) {
        firstSeen[l] = key;
        firstDepth[l] = depth;
      }
    }
  };
  /** Queues a successor to be stored at `depth`. */
  const queue = (key: number, depth: number): void => {
    if (pendingCount === pending.length) {
      if (pending.length < MAX_PENDING) {
        const bigger = new Float64Array(pending.length * 2);
        bigger.set(pending);
        pending = bigger;
      } else flush(depth);
    }
    pending[pendingCount++] = key;
  };
  // Successors wait here and are added in batches, probed by table region (see StateTable.addBatch).
  // Typed arrays start at 64 bytes, which V8 keeps on its heap: a small run allocates no buffer for them.
  let pending = new Float64Array(8);
  let pendingCount = 0;
  // The depth of the keys being flushed, for isNew (addBatch's callback takes the key alone).
  let flushDepth = 0;
  const isNew = (key: number): void => {
    next.push(key);
    found(key, flushDepth);
  };
  const flush = (depth: number): void => {
    flushDepth = depth;
    if (single.size + pendingCount < options.maxStates) single.addBatch(pending, pendingCount, depth, isNew);
    else {
      // Near the state limit, one by one: the run stops with exactly maxStates states.
      for (let p = 0; p < pendingCount && !limit; p++) {
        const key = pending[p] as number;
        if (!single.add(key, depth)) continue;
        isNew(key);
        if (single.size >= options.maxStates) limit = { kind: 'states', reached: single.size };
      }
    }
    pendingCount = 0;
  };

  scratch.tuple.fill(initialL);
  const initial = codec.pack(scratch.tuple);
  single.add(initial, 0);
  found(initial, 0);
  frontier.push(initial);
  // A table that overflowed while closing ends the run at once, with the initial state as its only level.
  const levels: number[] = limit ? [1] : [];
  for (let depth = 0; frontier.length > 0 && !limit; depth++) {
    levels.push(frontier.length);
    if (workers > 1 && frontier.length >= threshold) {
      const parallel = exploreInParallel({
        table,
        codec,
        hasEnvironment: config.hasEnvironment,
        states: single,
        frontier: frontier.keys(),
        depth,
        workers,
        maxSuccessors,
        options,
        started,
      });
      states = parallel.states;
      levels.push(...parallel.levels);
      transitions += parallel.transitions;
      fullStates += parallel.fullStates;
      parallel.firstSeen.forEach((key, l) => {
        if (key >= 0 && (firstSeen[l] as number) < 0) firstSeen[l] = key;
      });
      if (firstDeadlock < 0) firstDeadlock = parallel.firstDeadlock;
      if (parallel.limit) limit = parallel.limit;
      usedWorkers = workers;
      break;
    }
    for (let j = 0; j < frontier.length && !limit; j++) {
      const key = frontier.get(j);
      const successorCount = successorsOf(key, table, codec, scratch);
      // Past the state limit nothing more is added: the run stops with exactly maxStates states.
      for (let s = 0; s < successorCount && !limit; s++) {
        transitions++;
        queue(scratch.out[s] as number, depth + 1);
      }
      // Among the shallowest states without a step, the smallest key: the same whatever the order of expansion.
      if (successorCount === 0 && config.hasEnvironment && (firstDeadlock < 0 || (depthOf(single, firstDeadlock) === depth && key < firstDeadlock)))
        firstDeadlock = key;
      if ((++expanded & (options.progressEvery - 1)) === 0) {
        options.onProgress?.({ states: single.size, queued: frontier.length - j - 1 + next.length, depth, elapsedMs: performance.now() - started });
        const used = process.memoryUsage();
        if (used.heapUsed + used.arrayBuffers > options.maxBytes) limit = { kind: 'memory', reached: single.size };
      }
    }
    flush(depth + 1);
    [frontier, next] = [next, frontier];
    next.clear();
  }

  const graph: ExploredGraph = {
    model,
    config,
    shape: { relationships: k, symmetry: codec.symmetry },
    table,
    codec,
    states,
    levels,
    transitions,
    fullStates,
    firstSeen,
    firstDeadlock,
    workers: usedWorkers,
    elapsedMs: performance.now() - started,
  };
  if (limit) graph.limit = limit;
  return graph;
}

/** The depth of the state with key `key` (which must have been reached). */
export function depthOf(graph: Pick<ExploredGraph, 'states'> | VisitedStates, key: number): number {
  const states = 'states' in graph ? graph.states : graph;
  return states.depthAt(states.slotOf(key));
}

/** At most this many successors wait to be added (8 MiB). */
const MAX_PENDING = 1 << 20;
