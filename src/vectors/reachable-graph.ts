/**
 * The one place the vectors read the pair explorer: the reachable pair
 * states of a configuration and its labelled transitions, as plain data.
 * Everything else under src/vectors depends only on the model.
 */
import { resolveConfiguration } from '../explore/configuration.js';
import { explore, PAIR_SHAPE } from '../explore/explore.js';
import { DISABLED, type LocalTable } from '../explore/local-table.js';
import { initialPair, PAIR_WIDTH } from '../explore/pair-codec.js';
import { PairStepper } from '../explore/pair-stepper.js';
import type { Step } from '../explore/steps.js';
import type { Model, RoleId } from '../model/model.js';

/** A pair state as plain numbers: [state, memory, flag] of each server, then the network (1 up). */
export type PairTuple = readonly [number, number, number, number, number, number, number];

/** What moved in a transition: one server's rule or halt, or the network (server undefined). */
export interface GraphLabel {
  server?: RoleId;
  event: number;
  /** Index of the rule in `Model.rules`, when a rule moved the server. */
  rule?: number;
}

export interface GraphEdge {
  from: number;
  to: number;
  label: GraphLabel;
}

export interface ReachableGraph {
  /** Index 0 is the initial pair; indexes follow breadth-first order. */
  states: PairTuple[];
  /** Distinct (from, to) transitions with from ≠ to, the first label found for each (in step order). */
  edges: GraphEdge[];
}

/** A move out of one local state: the step that makes it and the local state it reaches. */
interface Move {
  step: number;
  target: number;
}

/**
 * The reachable graph of configuration `name` (always one relationship: a
 * vector is about one pair of servers), or undefined when the spec declares
 * no such configuration. It is read off the explorer's local table, which
 * already holds every pair state of the run and what each step does to it;
 * only the numbering is redone here, breadth first with steps in step
 * order, so the same spec always gives the same indexes.
 */
export function reachableGraph(model: Model, name: string): ReachableGraph | undefined {
  const config = resolveConfiguration(model, name);
  if (!config) return undefined;
  const run = explore(model, config, PAIR_SHAPE);
  if (run.limit) throw new Error(`internal: exploring configuration ${name} for the vectors stopped at its ${run.limit.kind} limit`);
  const table = run.table;
  const movesOf = movesReader(model, table);
  const local = new Map<number, number>();
  const locals: number[] = [];
  const add = (l: number): number => {
    let id = local.get(l);
    if (id === undefined) {
      id = locals.length;
      local.set(l, id);
      locals.push(l);
    }
    return id;
  };
  add(initialLocalOf(model, table));
  const edges: GraphEdge[] = [];
  const seen = new Set<number>();
  for (let from = 0; from < locals.length; from++) {
    seen.clear();
    for (const move of movesOf(locals[from] as number)) {
      const to = add(move.target);
      if (to === from || seen.has(to)) continue;
      seen.add(to);
      const step = table.steps[move.step] as Step;
      const label: GraphLabel = { event: step.event };
      if (step.server !== undefined) label.server = step.server;
      if (step.rule) label.rule = step.rule.index;
      edges.push({ from, to, label });
    }
  }
  const p = new Int32Array(PAIR_WIDTH);
  const states = locals.map((l) => [...table.pairOf(l, p)] as unknown as PairTuple);
  return { states, edges };
}

/** The local state holding the initial pair. */
function initialLocalOf(model: Model, table: LocalTable): number {
  const initial = initialPair(model);
  const p = new Int32Array(PAIR_WIDTH);
  for (let l = 0; l < table.size; l++) {
    table.pairOf(l, p);
    if (p.every((x, i) => x === initial[i])) return l;
  }
  throw new Error('internal: the explorer did not record the initial pair');
}

/**
 * Every move out of a local state, relationship steps and shared steps
 * (network, host events) alike, sorted by step id. A shared step groups
 * the pair steps of one event; the table keeps only its target, so the pair
 * step behind it (the rule a restart applied, say) is found by trying the
 * group's steps on that one state, in step order.
 */
function movesReader(model: Model, table: LocalTable): (l: number) => Move[] {
  const stepper = new PairStepper(model);
  const p = new Int32Array(PAIR_WIDTH);
  const out = new Int32Array(PAIR_WIDTH);
  const q = new Int32Array(PAIR_WIDTH);
  return (l) => {
    if (!table.isExpanded(l)) throw new Error(`internal: local state ${l} was reached but not expanded`);
    const moves: Move[] = [];
    const end = table.moveEnd[l] as number;
    for (let m = table.moveStart[l] as number; m < end; m += 2) moves.push({ step: table.moveData[m] as number, target: table.moveData[m + 1] as number });
    table.pairOf(l, p);
    for (const group of table.sharedSteps) {
      const target = table.sharedTarget(l, group.index);
      if (target === DISABLED || target === l) continue;
      table.pairOf(target, q);
      const step = group.pairSteps.find((s) => stepper.apply(s, p, out) && out.every((x, i) => x === q[i]));
      if (!step) throw new Error(`internal: no step of shared step ${group.index} leads from local state ${l} to ${target}`);
      moves.push({ step: step.id, target });
    }
    return moves.sort((a, b) => a.step - b.step);
  };
}
