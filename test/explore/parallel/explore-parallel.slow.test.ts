import { describe, expect, it } from 'vitest';
import { type Configuration, resolveConfiguration } from '../../../src/explore/configuration.js';
import { DEFAULT_EXPLORE_OPTIONS, explore, type Shape } from '../../../src/explore/explore.js';
import { checkProperties } from '../../../src/explore/properties.js';
import { formatTrace } from '../../../src/explore/trace.js';
import { loadSpec } from '../../../src/model/check-spec.js';
import type { Model } from '../../../src/model/model.js';
import { BUNDLED_SPEC } from '../../helpers/paths.js';

/** Counts, levels, first sightings, every verdict and its trace as text, with 1, 2 and 4 workers (the default threshold: workers take over the large levels). */
function acrossWorkers(model: Model, name: string, shape: Shape) {
  const configuration = resolveConfiguration(model, name) as Configuration;
  return [1, 2, 4].map((workers) => {
    const graph = explore(model, configuration, shape, { ...DEFAULT_EXPLORE_OPTIONS, workers });
    expect(graph.workers).toBe(workers);
    const verdicts = checkProperties(graph);
    return {
      states: graph.states.size,
      transitions: graph.transitions,
      fullStates: graph.fullStates,
      levels: graph.levels,
      firstSeen: graph.firstSeen,
      firstDeadlock: graph.firstDeadlock,
      verdicts,
      text: verdicts.flatMap((v) => (v.trace ? formatTrace(v.trace, model.roles) : [])),
    };
  });
}

describe('parallel exploration on large runs', async () => {
  const model = (await loadSpec(BUNDLED_SPEC)).model as Model;

  it('maintenance, K = 3 with symmetry: 2,233,265 states, the same for 1, 2 and 4 workers', () => {
    const [one, two, four] = acrossWorkers(model, 'maintenance', { relationships: 3, symmetry: true });
    expect(one?.states).toBe(2_233_265);
    expect(one?.fullStates).toBe(13_098_905);
    expect(two).toEqual(one);
    expect(four).toEqual(one);
  }, 600_000);

  it('careless operator, K = 2: the same counterexample, text included, for 1, 2 and 4 workers', () => {
    const [one, two, four] = acrossWorkers(model, 'careless-operator', { relationships: 2, symmetry: false });
    expect(one?.verdicts.find((v) => v.property === 'partner-down-alone')?.status).toBe('violated');
    expect(one?.text.length).toBeGreaterThan(0);
    expect(two).toEqual(one);
    expect(four).toEqual(one);
  }, 600_000);
});
