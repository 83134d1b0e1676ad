import { describe, expect, it } from 'vitest';
import { type Configuration, resolveConfiguration } from '../../src/explore/configuration.js';
import { explore, PAIR_SHAPE } from '../../src/explore/explore.js';
import { checkProperties } from '../../src/explore/properties.js';
import { exploreMatrix } from '../../src/explore/run-explorer.js';
import type { Trace } from '../../src/explore/trace.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { BUNDLED_SPEC } from '../helpers/paths.js';
import { toyModel } from '../helpers/toy.js';

const config = (model: Model, name: string) => resolveConfiguration(model, name) as Configuration;
const states = (trace: Trace | undefined) =>
  trace?.map((s) => `${s.after.relationships[0]?.left?.state}/${s.after.relationships[0]?.right?.state}/${s.after.network}`);

describe('explore on the toy pair (answers worked out by hand)', () => {
  it('steady: 7 states, 8 transitions, diameter 4, and the link-lost rule never fires', () => {
    const model = toyModel();
    const graph = explore(model, config(model, 'steady'));
    expect([graph.states.size, graph.transitions, graph.levels.length - 1]).toEqual([7, 8, 4]);
    const reach = checkProperties(graph).find((v) => v.kind === 'reachability');
    expect(reach?.unfired).toEqual(['paired-loses-link']);
    expect(reach?.unreached).toEqual([]);
  });

  it('flaky: 11 states and 23 transitions (4 more states with the network down)', () => {
    const model = toyModel();
    const graph = explore(model, config(model, 'flaky'));
    expect([graph.states.size, graph.transitions]).toEqual([11, 23]);
  });

  it('finds a known stuck state with its shortest trace', () => {
    // Pairing now needs a partner that is already PAIRED: two SOLO nodes wait forever.
    const model = toyModel((t) => t.replace('partner: [SOLO, PAIRED]', 'partner: [PAIRED]'));
    const verdict = checkProperties(explore(model, config(model, 'steady'))).find((v) => v.kind === 'no-stuck');
    expect(verdict?.status).toBe('violated');
    expect(states(verdict?.trace)).toEqual(['DOWN/DOWN/up', 'SOLO/DOWN/up', 'SOLO/SOLO/up']);
    expect(verdict?.trace?.map((s) => s.rule)).toEqual([undefined, 'boot-solo', 'boot-solo']);
    expect(verdict?.trace?.map((s) => s.server)).toEqual([undefined, 'left', 'right']);
  });

  it('finds a state unreachable for a role', () => {
    // Only the left node may pair, so the right one never reaches PAIRED.
    const model = toyModel((t) => t.replace('    partner: [SOLO, PAIRED]\n', '    partner: [SOLO, PAIRED]\n    role: left\n'));
    const reach = checkProperties(explore(model, config(model, 'steady'))).find((v) => v.kind === 'reachability');
    expect(reach?.unreached).toEqual(['right:PAIRED']);
  });

  it('refutes recoverability when the network can fail but never heal', () => {
    const model = toyModel((t) =>
      t
        .replace('steps: [net-fails, net-heals]', 'steps: [net-fails]')
        .replace('  - name: no-stuck\n', '  - name: recoverable\n    kind: recoverable\n    description: Back to PAIRED.\n  - name: no-stuck\n'),
    );
    const verdict = checkProperties(explore(model, config(model, 'flaky'))).find((v) => v.kind === 'recoverable');
    expect(verdict?.status).toBe('violated');
    expect(states(verdict?.trace)).toEqual(['DOWN/DOWN/up', 'DOWN/DOWN/down']);
  });

  it('refutes an invariant with the shortest trace', () => {
    const model = toyModel((t) =>
      t.replace(
        '  - name: no-stuck\n',
        '  - name: never-half-paired\n    kind: invariant\n    never: { one: [SOLO], other: [PAIRED] }\n    description: Both pair at once.\n  - name: no-stuck\n',
      ),
    );
    const verdict = checkProperties(explore(model, config(model, 'steady'))).find((v) => v.kind === 'invariant');
    expect(verdict?.status).toBe('violated');
    expect(verdict?.trace).toHaveLength(4);
    expect(states(verdict?.trace)?.at(-1)).toMatch(/^(PAIRED\/SOLO|SOLO\/PAIRED)\/up$/);
  });

  it('stops at the state limit and says so', () => {
    const model = toyModel();
    const graph = explore(model, config(model, 'flaky'), PAIR_SHAPE, { maxStates: 5, maxBytes: 2 ** 40, progressEvery: 1024 });
    expect(graph.limit).toEqual({ kind: 'states', reached: 5 });
  });
});

describe('explore on the failover spec', async () => {
  const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
  const matrix = exploreMatrix(model);
  const verdict = (configuration: string, property: string) =>
    matrix.configurations.find((c) => c.configuration === configuration)?.verdicts.find((v) => v.property === property);

  it('gives every verdict the spec expects', () => {
    expect(matrix.configurations.filter((c) => !c.ok).map((c) => c.configuration)).toEqual([]);
  });

  it('keeps the draft safety premise with a careful operator and no timers', () => {
    for (const c of ['reliable', 'network-faults', 'crashes', 'maintenance', 'careful-operator'])
      expect(verdict(c, 'partner-down-alone')?.status).toBe('holds');
  });

  it('breaks it where the draft says it breaks: careless operator, safe period, startup timer (9.3.2, 10)', () => {
    for (const c of ['careless-operator', 'safe-period', 'startup-timer']) expect(verdict(c, 'partner-down-alone')?.status).toBe('violated');
    const trace = verdict('safe-period', 'partner-down-alone')?.trace ?? [];
    expect(trace.map((s) => s.event)).toContain('safe-period-expired');
    expect(trace.map((s) => s.event)).toContain('network-fails');
  });

  it('never needs the conflict states with a careful operator', () => {
    expect(verdict('careful-operator', 'reachable')?.unreached).toEqual(
      expect.arrayContaining(['primary:POTENTIAL_CONFLICT', 'primary:CONFLICT_DONE', 'secondary:RESOLUTION_INT']),
    );
  });

  it('never fires the NORMAL lines for a paused or shut-down partner (the link breaks first)', () => {
    expect(verdict('everything', 'reachable')?.unfired).toEqual(['normal-partner-paused', 'normal-partner-shut-down']);
  });

  it('never holds NORMAL or POTENTIAL_CONFLICT while the link is down', () => {
    const violations = exploreMatrix(
      {
        ...model,
        spec: {
          ...model.spec,
          properties: [
            {
              name: 'no-normal-apart',
              kind: 'invariant',
              description: 'x',
              never: { one: ['NORMAL', 'POTENTIAL_CONFLICT'], other: ['PAUSED', 'SHUTDOWN', 'INIT'] },
            },
          ],
        },
      },
      undefined,
    ).configurations.flatMap((c) => c.verdicts.filter((v) => v.status === 'violated').map((v) => c.configuration + v.property));
    expect(violations).toEqual([]);
  });
});
