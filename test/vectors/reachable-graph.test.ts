import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveConfiguration } from '../../src/explore/configuration.js';
import { explore, PAIR_SHAPE } from '../../src/explore/explore.js';
import { initialPair, PAIR_WIDTH } from '../../src/explore/pair-codec.js';
import { PairStepper } from '../../src/explore/pair-stepper.js';
import { stepTable } from '../../src/explore/steps.js';
import { checkSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { type GraphEdge, type PairTuple, type ReachableGraph, reachableGraph } from '../../src/vectors/reachable-graph.js';
import { BUNDLED_SPEC, TOY_SPEC } from '../helpers/paths.js';

function load(file: string): Model {
  const checked = checkSpec(file, readFileSync(file, 'utf8'));
  if (!checked.model) throw new Error(`${file} did not check`);
  return checked.model;
}

const bundled = load(BUNDLED_SPEC);
const toy = load(TOY_SPEC);

/**
 * The graph the way the definition reads, as an oracle: breadth first from
 * the initial pair, every step of the configuration tried on every state in
 * step order, the first step naming each (from, to).
 */
function oracleGraph(model: Model, name: string): ReachableGraph {
  const config = resolveConfiguration(model, name);
  if (!config) throw new Error(`no configuration ${name}`);
  const stepper = new PairStepper(model);
  const steps = stepTable(model, config);
  const index = new Map<string, number>();
  const states: PairTuple[] = [];
  const edges: GraphEdge[] = [];
  const add = (p: Int32Array): number => {
    const key = p.join(',');
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
    const seen = new Set<number>();
    for (const step of steps) {
      if (!stepper.apply(step, p, out)) continue;
      const to = add(out);
      if (to === from || seen.has(to)) continue;
      seen.add(to);
      edges.push({
        from,
        to,
        label: { event: step.event, ...(step.server !== undefined && { server: step.server }), ...(step.rule && { rule: step.rule.index }) },
      });
    }
  }
  return { states, edges };
}

const bundledConfigs = (bundled.spec.configurations ?? []).map((c) => c.name);

describe('reachableGraph', () => {
  it.each([...bundledConfigs.map((c) => ['bundled', c] as const), ['toy', 'steady'] as const, ['toy', 'flaky'] as const])(
    'numbers the %s spec’s %s graph breadth first in step order, as searching it directly does',
    (which, name) => {
      const model = which === 'bundled' ? bundled : toy;
      const graph = reachableGraph(model, name);
      expect(graph).toEqual(oracleGraph(model, name));
    },
  );

  it('holds exactly the states and transitions the explorer counts for one relationship', () => {
    for (const name of ['crashes', 'everything']) {
      const config = resolveConfiguration(bundled, name);
      if (!config) throw new Error(`no configuration ${name}`);
      const run = explore(bundled, config, PAIR_SHAPE);
      const graph = reachableGraph(bundled, name);
      expect(graph?.states.length).toBe(run.states.size);
      expect(graph?.edges.length).toBe(run.transitions);
    }
  });

  it('starts at the initial pair and never reaches a state before one of its predecessors', () => {
    const graph = reachableGraph(bundled, 'everything');
    if (!graph) throw new Error('no configuration everything');
    expect(graph.states[0]).toEqual([...initialPair(bundled)]);
    const firstIn = new Map<number, number>();
    for (const e of graph.edges) if (!firstIn.has(e.to)) firstIn.set(e.to, e.from);
    for (let v = 1; v < graph.states.length; v++) expect(firstIn.get(v)).toBeLessThan(v);
  });

  it('reads a configuration of two relationships as one pair, and knows no undeclared configuration', () => {
    expect(reachableGraph(bundled, 'two-relationships')?.states.length).toBe(647);
    expect(reachableGraph(bundled, 'no-such-configuration')).toBeUndefined();
  });
});
