import type { Configuration } from '../../src/explore/configuration.js';
import { PAIR_WIDTH } from '../../src/explore/pair-codec.js';
import { PairStepper } from '../../src/explore/pair-stepper.js';
import { stepTable } from '../../src/explore/steps.js';
import { type Model, NO_MEMORY } from '../../src/model/model.js';

/**
 * A deliberately plain reference for K relationships, written from the rule
 * in the issue rather than from the engine: a state is an array of K pair
 * states, keyed by its JSON; a relationship step moves one pair; a host or
 * network event moves every pair it is enabled on, and is a step when it is
 * enabled on at least one. No tables, no packing, no symmetry.
 */
export function naiveSystemCounts(model: Model, config: Configuration, k: number): { states: number; transitions: number; diameter: number } {
  const stepper = new PairStepper(model);
  const steps = stepTable(model, config);
  const pair = model.spec.pair;
  if (!pair) throw new Error('no pair');
  const init = model.stateByName.get(pair.initial.state) as number;
  const start = Array.from({ length: k }, () => [init, NO_MEMORY, 0, init, NO_MEMORY, 0, pair.initial.network === 'up' ? 1 : 0]);
  const apply = (step: (typeof steps)[number], p: number[]): number[] | undefined => {
    const out = new Int32Array(PAIR_WIDTH);
    return stepper.apply(step, Int32Array.from(p), out) ? [...out] : undefined;
  };
  const shared = new Map<string, typeof steps>();
  for (const step of steps) {
    if (model.events[step.event]?.scope === 'relationship') continue;
    const name = `${step.server}:${step.event}`;
    shared.set(name, [...(shared.get(name) ?? []), step]);
  }
  const seen = new Set([JSON.stringify(start)]);
  const queue = [start];
  const depth = [0];
  let transitions = 0;
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number[][];
    const here = JSON.stringify(state);
    const next = new Set<string>();
    for (let r = 0; r < k; r++) {
      for (const step of steps) {
        if (model.events[step.event]?.scope !== 'relationship') continue;
        const moved = apply(step, state[r] as number[]);
        if (moved) next.add(JSON.stringify(state.map((p, i) => (i === r ? moved : p))));
      }
    }
    for (const group of shared.values()) {
      let enabled = false;
      const after = state.map((p) => {
        for (const step of group) {
          const moved = apply(step, p);
          if (moved) {
            enabled = true;
            return moved;
          }
        }
        return p;
      });
      if (enabled) next.add(JSON.stringify(after));
    }
    next.delete(here);
    transitions += next.size;
    for (const key of next) {
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(JSON.parse(key) as number[][]);
      depth.push((depth[head] as number) + 1);
    }
  }
  return { states: seen.size, transitions, diameter: Math.max(...depth) };
}
