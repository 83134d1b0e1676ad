import type { ReachablePairs } from '../explore/reachable-pairs.js';
import type { Model } from '../model/model.js';
import type { PairGraph } from './pair-diagram.js';

/**
 * The plain pair graph of the pairs one run kept: memory, flag and network
 * folded away; every protocol move between two different pairs kept,
 * environment steps and moves within one pair dropped.
 */
export function pairGraphOf(model: Model, reachable: ReachablePairs): PairGraph {
  const [r0, r1] = model.roles;
  const statesOf = (i: number): [string, string] => {
    const servers = reachable.states[i]?.servers ?? {};
    return [servers[r0]?.state ?? '?', servers[r1]?.state ?? '?'];
  };
  const counts = new Map<string, { states: [string, string]; count: number }>();
  reachable.states.forEach((_, i) => {
    const pair = statesOf(i);
    const key = pair.join('|');
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { states: pair, count: 1 });
  });
  const moves = new Map<string, { from: [string, string]; to: [string, string] }>();
  for (const t of reachable.transitions) {
    if (!t.protocol) continue;
    const from = statesOf(t.from);
    const to = statesOf(t.to);
    if (from.join('|') !== to.join('|')) moves.set(`${from.join('|')}>${to.join('|')}`, { from, to });
  }
  const byKey = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { configuration: reachable.configuration, roles: model.roles, states: model.states.map((s) => s.name), pairs: byKey(counts), moves: byKey(moves) };
}
