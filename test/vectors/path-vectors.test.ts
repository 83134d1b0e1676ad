import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EndpointAdapter } from '../../examples/ts-server/vector-adapter.js';
import { runCli } from '../../src/cli/main.js';
import { checkSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { NO_MEMORY, type RoleId } from '../../src/model/model.js';
import { formatReport, runVectors, type VectorAdapter } from '../../src/testing/index.js';
import { type Endpoint, stepEndpoint } from '../../src/vectors/endpoint.js';
import { pathVectors } from '../../src/vectors/path-vectors.js';
import { reachableGraph } from '../../src/vectors/reachable-graph.js';
import type { VectorInput } from '../../src/vectors/vector-types.js';
import { BUNDLED_SPEC, repoPath, TOY_SPEC } from '../helpers/paths.js';
import { captureIo } from '../helpers/project.js';

function load(file: string): Model {
  const checked = checkSpec(file, readFileSync(file, 'utf8'));
  if (!checked.model) throw new Error(`${file} did not check`);
  return checked.model;
}

const bundled = load(BUNDLED_SPEC);
const toy = load(TOY_SPEC);

/** The model's own single-server step as an adapter: vectors cut from the pair graph must agree with it. */
function modelAdapter(model: Model): VectorAdapter {
  let role: RoleId = 0;
  let server: Endpoint = { state: 0, memory: NO_MEMORY, flag: false };
  const id = (name: string | null) => (name === null ? NO_MEMORY : (model.stateByName.get(name) as number));
  const showsMemory = model.states.findIndex((s) => s.showsMemory);
  return {
    reset: (start) => {
      role = model.roles.indexOf(start.role) as RoleId;
      server = { state: id(start.state), memory: id(start.previous), flag: start.flag };
    },
    apply: (input: VectorInput) => {
      const partnerState = input.partnerStartup ? showsMemory : id(input.partner);
      const partnerMemory = input.partnerStartup ? id(input.partner) : NO_MEMORY;
      server = stepEndpoint(model, role, server, {
        event: model.eventByName.get(input.event) as number,
        networkUp: input.link !== 'down',
        partnerState,
        partnerMemory,
        watch: input.watch,
      }).next;
    },
    state: () => ({
      state: model.states[server.state]?.name ?? '?',
      previous: server.memory === NO_MEMORY ? null : (model.states[server.memory]?.name ?? '?'),
      flag: server.flag,
    }),
  };
}

describe.each([
  ['reliable', 18, 24],
  ['crashes', 143, 631],
  ['maintenance', 647, 2767],
])('path vectors of the bundled spec, configuration %s', (config, pairs, transitions) => {
  const graph = reachableGraph(bundled, config);
  if (!graph) throw new Error(`no configuration ${config}`);

  it('read the same graph as the explorer reports', () => {
    expect(graph.states).toHaveLength(pairs);
    expect(graph.edges).toHaveLength(transitions);
  });

  it.each(['states', 'pairs', 'transitions'] as const)('cover every %s target, agreeing with the single-server step and the TS example', async (coverage) => {
    const { vectors, summary } = pathVectors(bundled, graph, coverage);
    expect(summary.targets).toBe(coverage === 'pairs' ? pairs : coverage === 'transitions' ? transitions : summary.targets);
    expect(summary.paths).toBeGreaterThanOrEqual(summary.lowerBound ?? 0);
    expect(summary.pathSteps).toBeGreaterThanOrEqual(summary.stepsLowerBound ?? 0);
    for (const v of vectors) expect(v.start).toEqual({ state: 'INIT', previous: null, flag: false });
    const byModel = await runVectors(vectors, modelAdapter(bundled));
    expect(byModel.failures, formatReport(byModel)).toEqual([]);
    const byExample = await runVectors(vectors, new EndpointAdapter());
    expect(byExample.failures, formatReport(byExample)).toEqual([]);
  });
});

describe('path vectors', () => {
  it('reach every state each role holds in the configuration (states coverage)', () => {
    const graph = reachableGraph(bundled, 'crashes');
    if (!graph) throw new Error('no configuration crashes');
    const { vectors } = pathVectors(bundled, graph, 'states');
    for (const [r, role] of bundled.roles.entries()) {
      const held = new Set(graph.states.map((p) => bundled.states[p[r === 0 ? 0 : 3]]?.name));
      const reached = new Set(vectors.filter((v) => v.role === role).flatMap((v) => [v.start.state, ...v.steps.map((s) => s.expect.state)]));
      expect([...held].filter((s) => !reached.has(s as string))).toEqual([]);
    }
  });

  it('come from the toy spec through the same code', () => {
    const graph = reachableGraph(toy, 'flaky');
    if (!graph) throw new Error('no configuration flaky');
    const { vectors, summary } = pathVectors(toy, graph, 'transitions');
    expect(summary.targets).toBe(graph.edges.length);
    expect(vectors.length).toBeGreaterThan(0);
  });

  it('fsmkit vectors --coverage pairs prints the counts against the lower bound; an unknown configuration is a usage error', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['vectors', '--coverage', 'pairs', '--config', 'crashes'], io)).toBe(0);
    expect(io.err()).toMatch(/pairs: all 143 reachable pair states covered by \d+ paths of \d+ steps \(lower bound: \d+ paths, 142 steps\)/);
    const bad = captureIo(repoPath(''));
    expect(await runCli(['vectors', '--coverage', 'pairs', '--config', 'crashs'], bad)).toBe(2);
    expect(bad.err()).toContain('did you mean "crashes"');
  });
});
