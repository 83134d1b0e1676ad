import type { Model } from '../model/model.js';
import { NO_MEMORY } from '../model/model.js';
import type { Configuration } from './configuration.js';
import { DEFAULT_EXPLORE_OPTIONS, type ExploreOptions } from './explore.js';
import { KeySet } from './key-set.js';
import { DISABLED, LocalTable } from './local-table.js';
import { PAIR_WIDTH } from './pair-codec.js';
import { SystemCodec } from './system-codec.js';

/** How many relationships run between the two hosts, and whether their order counts. */
export interface SystemShape {
  relationships: number;
  symmetry: boolean;
}

/**
 * The reachable states of K relationships between one pair of hosts. States
 * are numbered in breadth-first order and kept only as packed keys; what a
 * relationship can do lives in the local table, so properties of one
 * relationship are read from the local states that were reached.
 */
export interface SystemGraph {
  model: Model;
  config: Configuration;
  shape: SystemShape;
  table: LocalTable;
  codec: SystemCodec;
  states: KeySet;
  /** levels[d]: the first state id at depth d; the last entry is the state count. */
  levels: number[];
  /** Distinct (state, next state) pairs, self-loops excluded. */
  transitions: number;
  /** System states the reduced ones stand for (equal to the state count without symmetry). */
  fullStates: number;
  /** firstSeen[l]: the first (so shallowest) system state with a relationship in local state l, or -1. */
  firstSeen: number[];
  /** First state without any step, where the configuration has environment steps; -1 when none. */
  firstDeadlock: number;
  limit?: { kind: 'states' | 'memory'; reached: number };
  elapsedMs: number;
}

/** The goal state of each role, as state ids. */
export function goalOf(model: Model): [number, number] {
  const pair = model.spec.pair;
  if (!pair) throw new Error('internal: explore needs the spec to declare `pair`');
  return [model.stateByName.get(pair.goal[model.roles[0]] ?? '') ?? -1, model.stateByName.get(pair.goal[model.roles[1]] ?? '') ?? -1];
}

/** The initial local state: both servers in the initial state, nothing remembered. */
export function initialLocal(model: Model, table: LocalTable): number {
  const pair = model.spec.pair;
  if (!pair) throw new Error('internal: explore needs the spec to declare `pair`');
  const initial = model.stateByName.get(pair.initial.state) as number;
  const p = new Int32Array(PAIR_WIDTH);
  p.set([initial, NO_MEMORY, 0, initial, NO_MEMORY, 0, pair.initial.network === 'up' ? 1 : 0]);
  return table.intern(table.codec.pack(p));
}

/**
 * Explores every state of K relationships reachable from the initial one,
 * breadth first. Relationship steps move one relationship by table lookup;
 * shared steps (network, host) move every relationship they are enabled on.
 * @throws RangeError when a relationship takes more local states than the key has room for
 */
export function exploreSystem(model: Model, config: Configuration, shape: SystemShape, options: ExploreOptions = DEFAULT_EXPLORE_OPTIONS): SystemGraph {
  const started = performance.now();
  const k = shape.relationships;
  const table = new LocalTable(model, config, goalOf(model));
  const codec = new SystemCodec(k, shape.symmetry && k > 1);
  const states = new KeySet();
  const firstSeen: number[] = [];
  const tuple = new Int32Array(k);
  const work = new Int32Array(k);
  // Distinct successors of the state being expanded: at most one per step and relationship.
  const successors = new Int32Array(k * table.relationshipSteps.length + table.sharedSteps.length + 1);
  const sharedCount = table.sharedSteps.length;
  let successorCount = 0;
  let transitions = 0;
  let fullStates = 0;
  let firstDeadlock = -1;
  let limit: SystemGraph['limit'];

  const visit = (key: number): number => {
    const id = states.add(key);
    if (id < 0) return ~id;
    if (id >= options.maxStates) limit = { kind: 'states', reached: id };
    codec.unpack(key, work);
    fullStates += codec.orbitSize(work);
    for (let i = 0; i < k; i++) {
      const l = work[i] as number;
      if (l >= codec.radix) throw new RangeError(tooManyLocals(codec, k));
      while (firstSeen.length <= l) firstSeen.push(-1);
      if (firstSeen[l] === -1) firstSeen[l] = id;
    }
    return id;
  };
  const link = (from: number, key: number): void => {
    const to = visit(key);
    if (to === from) return;
    for (let s = 0; s < successorCount; s++) if (successors[s] === to) return;
    successors[successorCount++] = to;
    transitions++;
  };

  tuple.fill(initialLocal(model, table));
  visit(codec.pack(tuple));
  const levels = [0];
  let levelEnd = 1;
  for (let id = 0; id < states.size && !limit; id++) {
    if (id === levelEnd) {
      levels.push(id);
      levelEnd = states.size;
    }
    codec.unpack(states.keyOf(id), tuple);
    for (let i = 0; i < k; i++) table.expand(tuple[i] as number);
    successorCount = 0;
    for (let i = 0; i < k; i++) {
      const l = tuple[i] as number;
      // With symmetry, equal neighbours give the same successors up to order.
      if (codec.symmetry && i > 0 && tuple[i - 1] === l) continue;
      const moves = table.moves[l] as Int32Array;
      for (let m = 1; m < moves.length; m += 2) {
        work.set(tuple);
        work[i] = moves[m] as number;
        link(id, codec.pack(work));
      }
    }
    for (let h = 0; h < sharedCount; h++) {
      let enabled = false;
      for (let i = 0; i < k; i++) {
        const target = (table.shared[tuple[i] as number] as Int32Array)[h] as number;
        if (target === DISABLED) {
          work[i] = tuple[i] as number;
        } else {
          work[i] = target;
          enabled = true;
        }
      }
      if (enabled) link(id, codec.pack(work));
    }
    if (successorCount === 0 && firstDeadlock < 0 && config.hasEnvironment) firstDeadlock = id;
    if ((id & (options.progressEvery - 1)) === 0 && id > 0) {
      options.onProgress?.({ states: states.size, queued: states.size - id - 1, depth: levels.length - 1, elapsedMs: performance.now() - started });
      const used = process.memoryUsage();
      if (used.heapUsed + used.arrayBuffers > options.maxBytes) limit = { kind: 'memory', reached: states.size };
    }
  }
  levels.push(states.size);

  const graph: SystemGraph = {
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
    elapsedMs: performance.now() - started,
  };
  if (limit) graph.limit = limit;
  return graph;
}

/** The depth of state `id`. */
export function depthOf(graph: SystemGraph, id: number): number {
  let d = 0;
  while ((graph.levels[d + 1] as number) <= id) d++;
  return d;
}

function tooManyLocals(codec: SystemCodec, k: number): string {
  return `with ${k} relationships a relationship may take at most ${codec.radix} states in one key, and this configuration has more; explore fewer relationships`;
}
