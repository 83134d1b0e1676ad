import { type ExploredGraph, pairStateOf } from '../explore/explore.js';
import { PAIR_WIDTH, S } from '../explore/pair-codec.js';
import { PairStepper } from '../explore/successors.js';
import type { PairGraph } from './pair-diagram.js';

/**
 * The plain pair graph of an explored configuration: memory, flag and
 * network folded away; every protocol move between two different pairs
 * kept, environment steps and moves within one pair dropped. The only place
 * that knows how the explorer stores its states.
 */
export function pairGraphOf(graph: ExploredGraph): PairGraph {
  const { model } = graph;
  const states = (p: Int32Array): [string, string] => [model.states[p[S[0]] as number]?.name ?? '?', model.states[p[S[1]] as number]?.name ?? '?'];
  const counts = new Map<string, { states: [string, string]; count: number }>();
  const moves = new Map<string, { from: [string, string]; to: [string, string] }>();
  const stepper = new PairStepper(model);
  const protocol = graph.steps.filter((s) => s.protocol);
  const here = new Int32Array(PAIR_WIDTH);
  const next = new Int32Array(PAIR_WIDTH);
  for (let id = 0; id < graph.keys.length; id++) {
    const from = states(pairStateOf(graph, id, here));
    const fromKey = from.join('|');
    const seen = counts.get(fromKey);
    if (seen) seen.count++;
    else counts.set(fromKey, { states: from, count: 1 });
    for (const step of protocol) {
      if (!stepper.apply(step, here, next)) continue;
      const to = states(next);
      const toKey = to.join('|');
      if (toKey !== fromKey) moves.set(`${fromKey}>${toKey}`, { from, to });
    }
  }
  const byKey = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return {
    configuration: graph.config.name,
    roles: model.roles,
    states: model.states.map((s) => s.name),
    pairs: byKey(counts),
    moves: byKey(moves),
  };
}
