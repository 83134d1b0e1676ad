import { describe, expect, it } from 'vitest';
import { type Configuration, resolveConfiguration } from '../../../src/explore/configuration.js';
import { DEFAULT_EXPLORE_OPTIONS, type ExploredGraph, type ExploreOptions, explore, type Shape } from '../../../src/explore/explore.js';
import { checkProperties } from '../../../src/explore/properties.js';
import { formatTrace } from '../../../src/explore/trace.js';
import { loadSpec } from '../../../src/model/check-spec.js';
import type { Model } from '../../../src/model/model.js';
import { BUNDLED_SPEC } from '../../helpers/paths.js';
import { toyModel } from '../../helpers/toy.js';

const config = (model: Model, name: string) => resolveConfiguration(model, name) as Configuration;

/** Workers from the first level on, so they really run on these small models. */
const withWorkers = (workers: number, extra: Partial<ExploreOptions> = {}): ExploreOptions => ({
  ...DEFAULT_EXPLORE_OPTIONS,
  workers,
  parallelThreshold: 0,
  ...extra,
});

/** Everything a user reads of a run, as plain data: counts, levels, first sightings, verdicts with their traces, and the traces as text. */
function outcome(graph: ExploredGraph) {
  const verdicts = checkProperties(graph);
  return {
    states: graph.states.size,
    transitions: graph.transitions,
    fullStates: graph.fullStates,
    levels: graph.levels,
    firstSeen: graph.firstSeen,
    firstDeadlock: graph.firstDeadlock,
    limit: graph.limit,
    verdicts,
    text: verdicts.flatMap((v) => (v.trace ? formatTrace(v.trace, graph.model.roles) : [])),
  };
}

/** Runs with 1, 2 and 4 workers; checks the workers ran, and returns the three outcomes. */
function acrossWorkers(model: Model, configuration: Configuration, shape: Shape, extra: Partial<ExploreOptions> = {}) {
  return [1, 2, 4].map((workers) => {
    const graph = explore(model, configuration, shape, withWorkers(workers, extra));
    expect(graph.workers).toBe(workers);
    return outcome(graph);
  });
}

describe('parallel exploration gives the same run for any worker count', () => {
  it('the toy pair, two relationships: a stuck relationship with the same trace, text included', () => {
    const model = toyModel((t) => t.replace('partner: [SOLO, PAIRED]', 'partner: [PAIRED]'));
    const [one, two, four] = acrossWorkers(model, config(model, 'steady'), { relationships: 2, symmetry: false });
    expect(one?.verdicts.find((v) => v.kind === 'no-stuck')?.status).toBe('violated');
    expect(one?.text.length).toBeGreaterThan(0);
    expect(two).toEqual(one);
    expect(four).toEqual(one);
  });

  it('the toy pair, a network that never heals: the same state without any step', () => {
    const model = toyModel((t) => t.replace('steps: [net-fails, net-heals]', 'steps: [net-fails]'));
    const [one, two, four] = acrossWorkers(model, config(model, 'flaky'), { relationships: 3, symmetry: true });
    expect(one?.firstDeadlock).toBeGreaterThanOrEqual(0);
    expect(two).toEqual(one);
    expect(four).toEqual(one);
  });

  it('the bundled spec, crashes at K = 2, with and without symmetry: counts, levels and verdicts', async () => {
    const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
    for (const symmetry of [true, false]) {
      const [one, two, four] = acrossWorkers(model, config(model, 'crashes'), { relationships: 2, symmetry });
      expect(one?.states).toBe(symmetry ? 5076 : 10009);
      expect(one?.fullStates).toBe(10009);
      expect(two).toEqual(one);
      expect(four).toEqual(one);
    }
  });

  it('the partitioned table answers like one table: every stored key at its slot, nothing else', async () => {
    const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
    const single = explore(model, config(model, 'crashes'), { relationships: 2, symmetry: true }, withWorkers(1));
    const parallel = explore(model, config(model, 'crashes'), { relationships: 2, symmetry: true }, withWorkers(3));
    const keys = (graph: ExploredGraph) => {
      const out: number[] = [];
      for (let slot = 0; slot < graph.states.capacity; slot++) {
        if (!graph.states.used(slot)) continue;
        const key = graph.states.keyAt(slot);
        expect(graph.states.slotOf(key)).toBe(slot);
        expect(graph.states.depthAt(slot)).toBe(single.states.depthAt(single.states.slotOf(key)));
        out.push(key);
      }
      return out.sort((a, b) => a - b);
    };
    expect(keys(parallel)).toEqual(keys(single));
    expect(parallel.states.slotOf(2 ** 52)).toBe(-1);
    expect(parallel.states.bytes() / parallel.states.size).toBeLessThanOrEqual(32);
  });
});

describe('the local table is closed before the search', () => {
  it('numbers the same pair states in the same order for any K', async () => {
    const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
    const crashes = config(model, 'crashes');
    const one = explore(model, crashes, { relationships: 1, symmetry: true }, withWorkers(1));
    const two = explore(model, crashes, { relationships: 2, symmetry: false }, withWorkers(2));
    expect(two.table.keys).toEqual(one.table.keys);
    // Every local state of the closure occurs in some state of both runs.
    expect(one.firstSeen.every((key) => key >= 0)).toBe(true);
    expect(two.firstSeen.every((key) => key >= 0)).toBe(true);
  });

  it('ends the run at once, with the initial state as its only level, when a key cannot hold the closure', async () => {
    const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
    const graph = explore(model, config(model, 'maintenance'), { relationships: 8, symmetry: true }, withWorkers(2));
    expect(graph.limit).toEqual({ kind: 'relationship-states', reached: 64 });
    expect([graph.states.size, graph.levels]).toEqual([1, [1]]);
  });
});

describe('a parallel run always ends', () => {
  it('a worker that fails ends the run with an internal error, and the next run works', () => {
    const model = toyModel();
    const flaky = config(model, 'flaky');
    expect(() => explore(model, flaky, { relationships: 3, symmetry: false }, withWorkers(2, { crashAtLevel: 1 }))).toThrow(
      /^internal: a worker of the parallel exploration failed \(worker 0: crash injected at parallel level 1\)$/,
    );
    expect(explore(model, flaky, { relationships: 3, symmetry: false }, withWorkers(2)).states.size).toBe(
      explore(model, flaky, { relationships: 3, symmetry: false }, withWorkers(1)).states.size,
    );
  });

  it('the state limit stops a parallel run after the level that reaches it, the same for any worker count', async () => {
    const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
    const [, two, four] = acrossWorkers(model, config(model, 'crashes'), { relationships: 2, symmetry: true }, { maxStates: 1000 });
    expect(two?.limit?.kind).toBe('states');
    expect(two?.limit?.reached).toBeGreaterThanOrEqual(1000);
    expect(two?.states).toBe(two?.limit?.reached);
    expect(four).toEqual(two);
  });
});
