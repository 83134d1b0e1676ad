/**
 * The one place the vectors read the pair explorer: the reachable pair
 * states of a configuration and its labelled transitions, as plain data.
 * Everything else under src/vectors depends only on the model.
 */
import { resolveConfiguration } from '../explore/configuration.js';
import { initialPair, PAIR_WIDTH, PairCodec } from '../explore/pair-codec.js';
import { PairStepper } from '../explore/pair-stepper.js';
import { stepTable } from '../explore/steps.js';
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
  /** Distinct (from, to) transitions with from ≠ to, the first label found for each. */
  edges: GraphEdge[];
}

/** The reachable graph of configuration `name`, or undefined when the spec declares no such configuration. */
export function reachableGraph(model: Model, name: string): ReachableGraph | undefined {
  const config = resolveConfiguration(model, name);
  if (!config) return undefined;
  const codec = new PairCodec(model);
  const stepper = new PairStepper(model);
  const steps = stepTable(model, config);
  const index = new Map<number, number>();
  const states: PairTuple[] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (p: Int32Array): number => {
    const key = codec.pack(p);
    let id = index.get(key);
    if (id === undefined) {
      id = states.length;
      index.set(key, id);
      states.push([...p] as unknown as PairTuple);
    }
    return id;
  };
  add(initialPair(model));
  const out = new Int32Array(PAIR_WIDTH);
  for (let from = 0; from < states.length; from++) {
    const p = Int32Array.from(states[from] as PairTuple);
    for (const step of steps) {
      if (!stepper.apply(step, p, out)) continue;
      const to = add(out);
      if (to === from || seen.has(`${from}:${to}`)) continue;
      seen.add(`${from}:${to}`);
      const label: GraphLabel = { event: step.event };
      if (step.server !== undefined) label.server = step.server;
      if (step.rule) label.rule = step.rule.index;
      edges.push({ from, to, label });
    }
  }
  return { states, edges };
}
