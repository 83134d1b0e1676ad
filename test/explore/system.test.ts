import { describe, expect, it } from 'vitest';
import { renderTraceDiagram } from '../../src/diagram/trace-diagram.js';
import { allConfigurations, type Configuration, resolveConfiguration } from '../../src/explore/configuration.js';
import { explore } from '../../src/explore/explore.js';
import { checkProperties } from '../../src/explore/properties.js';
import { exploreConfiguration } from '../../src/explore/run-explorer.js';
import { SystemCodec } from '../../src/explore/system-codec.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { naiveSystemCounts } from '../helpers/naive-system.js';
import { BUNDLED_SPEC } from '../helpers/paths.js';
import { toyModel } from '../helpers/toy.js';

const { model: bundled } = await loadSpec(BUNDLED_SPEC);
const dhcp = bundled as Model;
const config = (model: Model, name: string) => resolveConfiguration(model, name) as Configuration;
/** Each verdict as status plus trace length: what must not change with the engine or the symmetry. */
const outcome = (verdicts: ReturnType<typeof checkProperties>) =>
  verdicts.map((v) => `${v.property}: ${v.status} ${v.unreached?.join(',') ?? ''} ${v.unfired?.join(',') ?? ''} ${v.trace?.length ?? ''}`);

describe('K relationships on the toy pair (worked out by hand)', () => {
  it('two independent relationships: 7 x 7 states, 28 when the order does not count', () => {
    const model = toyModel();
    const full = explore(model, config(model, 'steady'), { relationships: 2, symmetry: false });
    const reduced = explore(model, config(model, 'steady'), { relationships: 2, symmetry: true });
    expect(full.states.size).toBe(49);
    expect(reduced.states.size).toBe((7 * 8) / 2);
    expect(reduced.fullStates).toBe(49);
  });

  it('a shared network: 7 x 7 states with it up plus 4 x 4 with it down', () => {
    const model = toyModel();
    const full = explore(model, config(model, 'flaky'), { relationships: 2, symmetry: false });
    expect(full.states.size).toBe(7 * 7 + 4 * 4);
  });
});

describe('K relationships: whole-system properties on the toy pair', () => {
  const withRecoverable = (edit: (t: string) => string = (t) => t) =>
    toyModel((t) =>
      edit(t).replace('  - name: no-stuck\n', '  - name: recoverable\n    kind: recoverable\n    description: Back to PAIRED.\n  - name: no-stuck\n'),
    );

  it('holds when the network heals: every relationship gets back to its goal', () => {
    const model = withRecoverable();
    for (const symmetry of [true, false]) {
      const verdicts = checkProperties(explore(model, config(model, 'flaky'), { relationships: 3, symmetry }));
      expect(verdicts.find((v) => v.kind === 'recoverable')?.status).toBe('holds');
    }
  });

  it('refutes recoverability when the network can fail but never heal, with the shortest trace', () => {
    const model = withRecoverable((t) => t.replace('steps: [net-fails, net-heals]', 'steps: [net-fails]'));
    const verdict = checkProperties(explore(model, config(model, 'flaky'), { relationships: 2, symmetry: true })).find((v) => v.kind === 'recoverable');
    expect(verdict?.status).toBe('violated');
    expect(verdict?.trace?.map((s) => `${s.event ?? 'start'} ${s.after.network}`)).toEqual(['start up', 'net-fails down']);
  });

  it('refutes no-stuck for the whole when no step at all is left', () => {
    // Once the network has failed for good, every node ends SOLO and nothing can happen.
    const model = toyModel((t) => t.replace('steps: [net-fails, net-heals]', 'steps: [net-fails]'));
    const verdict = checkProperties(explore(model, config(model, 'flaky'), { relationships: 2, symmetry: true })).find((v) => v.kind === 'no-stuck');
    expect(verdict?.status).toBe('violated');
    expect(verdict?.summary).toBe('no step at all is possible');
  });
});

describe('K relationships: the engine against a plain reference', () => {
  for (const [name, k] of [
    ['crashes', 2],
    ['maintenance', 2],
    ['network-faults', 3],
  ] as const) {
    it(`${name}, ${k} relationships: same states and transitions as the naive explorer (host events move every relationship)`, () => {
      const graph = explore(dhcp, config(dhcp, name), { relationships: k, symmetry: false });
      const { states, transitions } = naiveSystemCounts(dhcp, config(dhcp, name), k);
      expect({ states: graph.states.size, transitions: graph.transitions }).toEqual({ states, transitions });
    });
  }
});

describe('K relationships: one relationship is the pair', () => {
  it("K = 1 gives the plain reference's states, transitions and diameter in every configuration", () => {
    for (const c of allConfigurations(dhcp)) {
      const engine = exploreConfiguration(dhcp, c, undefined, { relationships: 1, symmetry: true });
      const { states, transitions, diameter } = naiveSystemCounts(dhcp, c, 1);
      expect([engine.states, engine.transitions, engine.diameter], c.name).toEqual([states, transitions, diameter]);
    }
  });

  it('a configuration without relationships is explored as one relationship', () => {
    const c = config(dhcp, 'crashes');
    const plain = exploreConfiguration(dhcp, c);
    expect(plain.system.relationships).toBe(1);
    expect(outcome(plain.verdicts)).toEqual(outcome(exploreConfiguration(dhcp, c, undefined, { relationships: 1, symmetry: false }).verdicts));
  });
});

describe('symmetry reduction', () => {
  it('gives the same verdicts and trace lengths, and its orbits add up to the full count (K = 2)', () => {
    for (const c of ['reliable', 'crashes', 'maintenance', 'careless-operator'].map((name) => config(dhcp, name))) {
      const on = exploreConfiguration(dhcp, c, undefined, { relationships: 2, symmetry: true });
      const off = exploreConfiguration(dhcp, c, undefined, { relationships: 2, symmetry: false });
      expect(outcome(on.verdicts), c.name).toEqual(outcome(off.verdicts));
      expect(on.system.fullStates, c.name).toBe(off.states);
      expect(on.states, c.name).toBeLessThan(off.states);
    }
  });

  it('also with three relationships', () => {
    const c = config(dhcp, 'crashes');
    const on = exploreConfiguration(dhcp, c, undefined, { relationships: 3, symmetry: true });
    const off = exploreConfiguration(dhcp, c, undefined, { relationships: 3, symmetry: false });
    expect(outcome(on.verdicts)).toEqual(outcome(off.verdicts));
    expect(on.system.fullStates).toBe(off.states);
  });

  it('packs sorted tuples and counts each orbit once: (1,1,2) stands for 3 orders, (1,2,3) for 6', () => {
    const codec = new SystemCodec(3, true);
    const a = Int32Array.of(2, 1, 1);
    const key = codec.pack(a);
    expect([...a]).toEqual([1, 1, 2]);
    expect(codec.pack(Int32Array.of(1, 2, 1))).toBe(key);
    expect([...codec.unpack(key, new Int32Array(3))]).toEqual([1, 1, 2]);
    expect(codec.orbitSize(Int32Array.of(1, 1, 2))).toBe(3);
    expect(codec.orbitSize(Int32Array.of(1, 2, 3))).toBe(6);
    expect(codec.orbitSize(Int32Array.of(4, 4, 4))).toBe(1);
  });

  it('round-trips keys that straddle the two 32-bit halves', () => {
    const codec = new SystemCodec(3, false);
    const tuple = Int32Array.of(codec.radix - 1, 12345, codec.radix - 2);
    expect([...codec.unpack(codec.pack(Int32Array.from(tuple)), new Int32Array(3))]).toEqual([...tuple]);
    expect(codec.pack(Int32Array.from(tuple))).toBeLessThan(2 ** 53);
  });
});

describe('K relationships: counterexamples', () => {
  it('a careless operator breaks the safety premise in one relationship after the same 11 steps as with one, and the trace replays', () => {
    const report = exploreConfiguration(dhcp, config(dhcp, 'careless-operator'), undefined, { relationships: 2, symmetry: true });
    const verdict = report.verdicts.find((v) => v.property === 'partner-down-alone');
    expect(verdict?.status).toBe('violated');
    const trace = verdict?.trace ?? [];
    expect(trace).toHaveLength(12);
    const last = trace.at(-1)?.after.relationships ?? [];
    expect(last.some((r) => r.primary?.state === 'PARTNER_DOWN' && r.secondary?.state === 'NORMAL')).toBe(true);
    // Every step but host and network ones moves exactly one relationship.
    for (let i = 1; i < trace.length; i++) {
      const before = trace[i - 1]?.after.relationships ?? [];
      const after = trace[i]?.after.relationships ?? [];
      const moved = after.filter((r, j) => JSON.stringify(r) !== JSON.stringify(before[j])).length;
      if (trace[i]?.relationship !== undefined) expect(moved).toBe(1);
    }
    // The counterexample gets a sequence diagram: one lifeline per server per relationship.
    const diagram = renderTraceDiagram(trace, dhcp.roles, 'partner-down-alone in careless-operator');
    for (const lifeline of ['A1 as r1 primary', 'A2 as r2 primary', 'B1 as r1 secondary', 'B2 as r2 secondary'])
      expect(diagram).toContain(`participant ${lifeline}`);
    expect(diagram).toMatch(/Note over A\d: 11\. normal-partner-down-command/);
  });

  it('a host crash moves every running relationship of that host in one step', () => {
    const report = exploreConfiguration(dhcp, config(dhcp, 'crashes'), undefined, { relationships: 2, symmetry: false });
    expect(report.ok).toBe(true);
    const graph = explore(dhcp, config(dhcp, 'crashes'), { relationships: 2, symmetry: false });
    const crash = graph.table.sharedSteps.find((s) => dhcp.events[s.pairSteps[0]?.event ?? -1]?.name === 'crash' && s.pairSteps[0]?.server === 0);
    expect(crash).toBeDefined();
    // Both relationships in NORMAL/NORMAL: the primary host's crash sends both primaries to STARTUP.
    const normal = graph.table.keys.findIndex((_, l) => graph.table.isGoal[l]);
    const after = graph.table.sharedTarget(normal, crash?.index ?? -1);
    const p = graph.table.pairOf(after);
    expect(dhcp.states[p[0] as number]?.name).toBe('STARTUP');
  });
});
