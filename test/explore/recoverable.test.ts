import { describe, expect, it } from 'vitest';
import { type Configuration, resolveConfiguration } from '../../src/explore/configuration.js';
import { type ExploredGraph, explore } from '../../src/explore/explore.js';
import { stateOf } from '../../src/explore/pair-codec.js';
import { checkProperties } from '../../src/explore/properties.js';
import { findUnrecoverable } from '../../src/explore/recoverable.js';
import { StateTable } from '../../src/explore/state-table.js';
import type { Model } from '../../src/model/model.js';
import { toyModel } from '../helpers/toy.js';

const config = (model: Model, name: string) => resolveConfiguration(model, name) as Configuration;

/**
 * The toy pair with recoverability checked and a trap: a node that is SOLO
 * may wedge (an environment event, not healing) into WEDGED, which only the
 * same event leaves, so healing steps never do. With K relationships and symmetry off, each relationship and each
 * node can wedge: 2K states, all at the same depth, from which the pair never
 * heals.
 */
const wedgeModel = () =>
  toyModel((t) =>
    t
      .replace(
        '\nevents:\n',
        [
          '\n  - name: WEDGED\n    values: { code: 3 }\n    aliases: { label: wedged }\n    service: idle\n    communicating: false',
          '\n    roles: [left, right]\n    description: The node hangs.\n    ref: "2"',
          '\nevents:\n  - name: wedge\n    kind: environment\n    description: A node hangs for good.\n',
        ].join(''),
      )
      .replace(
        '\nrules:\n',
        '\nrules:\n  - id: solo-wedges\n    from: SOLO\n    to: WEDGED\n    on: wedge\n    link: any\n    description: A lone node hangs.\n    ref: "2"\n' +
          '  - id: wedged-resets\n    from: WEDGED\n    to: DOWN\n    on: wedge\n    link: any\n    description: Only the operator gets it out.\n    ref: "2"\n',
      )
      .replace('steps: [net-fails, net-heals]', 'steps: [net-fails, net-heals, wedge]')
      .replace('  - name: no-stuck\n', '  - name: recoverable\n    kind: recoverable\n    description: Back to PAIRED.\n  - name: no-stuck\n'),
  );

/** The states with a wedged node (key and depth): every one of them is unrecoverable. */
function wedgedStates(graph: ExploredGraph, wedged: number): { key: number; depth: number }[] {
  const found: { key: number; depth: number }[] = [];
  const tuple = new Int32Array(graph.shape.relationships);
  for (let slot = 0; slot < graph.states.capacity; slot++) {
    if (!graph.states.used(slot)) continue;
    graph.codec.unpack(graph.states.keyAt(slot), tuple);
    const hung = [...tuple].some((l) => {
      const pair = graph.table.pairOf(l);
      return stateOf(pair, 0) === wedged || stateOf(pair, 1) === wedged;
    });
    if (hung) found.push({ key: graph.states.keyAt(slot), depth: graph.states.depthAt(slot) });
  }
  return found;
}

/** The same states in a table of another size, added in the reverse order: another layout of slots. */
function relaid(graph: ExploredGraph): ExploredGraph {
  const states = new StateTable(graph.states.size * 3);
  for (let slot = graph.states.capacity - 1; slot >= 0; slot--) {
    if (graph.states.used(slot)) states.add(graph.states.keyAt(slot), graph.states.depthAt(slot));
  }
  return { ...graph, states };
}

describe('recoverability: which state the counterexample ends in', () => {
  it('is the shallowest unrecoverable state, and among those the one with the smallest key, whatever the layout', () => {
    const model = wedgeModel();
    const wedged = model.states.findIndex((s) => s.name === 'WEDGED');
    for (const relationships of [2, 3]) {
      const graph = explore(model, config(model, 'flaky'), { relationships, symmetry: false });
      const hung = wedgedStates(graph, wedged);
      const shallowest = Math.min(...hung.map((h) => h.depth));
      const tied = hung.filter((h) => h.depth === shallowest).map((h) => h.key);
      // One tie per relationship and node: the choice is a real one.
      expect(tied).toHaveLength(2 * relationships);
      const smallest = Math.min(...tied);
      expect(findUnrecoverable(graph, 'recoverable')).toBe(smallest);
      const other = relaid(graph);
      expect(other.states.capacity).not.toBe(graph.states.capacity);
      expect(findUnrecoverable(other, 'recoverable')).toBe(smallest);
    }
  });

  it('gives the trace to that state: a node boots, then wedges', () => {
    const model = wedgeModel();
    const verdict = checkProperties(explore(model, config(model, 'flaky'), { relationships: 2, symmetry: false })).find((v) => v.kind === 'recoverable');
    expect(verdict?.status).toBe('violated');
    expect(verdict?.trace?.map((s) => s.event ?? 'start')).toEqual(['start', 'boot', 'wedge']);
  });

  it('still holds when the trap is not switched on', () => {
    const model = wedgeModel();
    const graph = explore(model, config(model, 'steady'), { relationships: 3, symmetry: false });
    expect(findUnrecoverable(graph, 'recoverable')).toBe(-1);
  });
});
