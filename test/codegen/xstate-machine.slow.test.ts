import { readFileSync } from 'node:fs';
import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { type MachineEvent, primaryMachine, type State, secondaryMachine } from '../../generated/dhcpv4-failover.xstate.js';
import { checkSpec } from '../../src/model/check-spec.js';
import { type Model, NO_MEMORY, type RoleId } from '../../src/model/model.js';
import { formatReport, runVectors, type VectorAdapter } from '../../src/testing/index.js';
import { type Endpoint, stepEndpoint } from '../../src/vectors/endpoint.js';
import { namedInput } from '../../src/vectors/naming.js';
import { pathVectors } from '../../src/vectors/path-vectors.js';
import { reachableGraph } from '../../src/vectors/reachable-graph.js';
import { partnerViews, serverEvents } from '../../src/vectors/rule-vectors.js';
import { ruleVectorFile } from '../../src/vectors/vector-file.js';
import { BUNDLED_SPEC } from '../helpers/paths.js';

const checked = checkSpec(BUNDLED_SPEC, readFileSync(BUNDLED_SPEC, 'utf8'));
if (!checked.model) throw new Error('the bundled spec did not check');
const model: Model = checked.model;
type Machine = typeof primaryMachine;
/** The machine of a role; the two differ only in which states they hold. */
const machineOf = (role: string) => (role === 'primary' ? primaryMachine : (secondaryMachine as unknown as Machine));

/** Runs the generated machine of the vector's role from the vector's start. */
function xstateAdapter(): VectorAdapter {
  let actor: ReturnType<typeof createActor<Machine>> | undefined;
  return {
    reset: (start) => {
      const machine = machineOf(start.role);
      const snapshot = machine.resolveState({ value: start.state, context: { previous: start.previous as State | null, flag: start.flag } });
      actor = createActor(machine, { snapshot }).start();
    },
    apply: (input) =>
      actor?.send({ type: input.event, partner: input.partner, partnerStartup: input.partnerStartup, link: input.link, watch: input.watch } as MachineEvent),
    state: () => {
      const s = actor?.getSnapshot();
      return { state: String(s?.value), previous: s?.context.previous ?? null, flag: s?.context.flag ?? false };
    },
  };
}

/** Every input a server of `role` in `server` can be told, by name. */
function inputsFor(role: RoleId, server: Endpoint): MachineEvent[] {
  const out: MachineEvent[] = [];
  for (const view of partnerViews(model, role)) {
    for (const event of serverEvents(model)) {
      const i = namedInput({ model }, role, server, { ...view, event });
      if (i.event === 'link-lost' && i.link === 'ok') continue;
      out.push({ type: i.event, partner: i.partner, partnerStartup: i.partnerStartup, link: i.link, watch: i.watch } as MachineEvent);
    }
  }
  return out;
}

const id = (name: string | null) => (name === null ? NO_MEMORY : (model.stateByName.get(name) as number));
const key = (state: string, previous: string | null, flag: boolean) => `${state}[${previous ?? ''}]${flag ? '+flag' : ''}`;

describe('the generated XState machines', () => {
  it('pass every rules vector of the bundled spec', async () => {
    const report = await runVectors(ruleVectorFile(model), xstateAdapter());
    expect(report.failures, formatReport(report)).toEqual([]);
  });

  it('pass the transitions vectors of the crashes configuration', async () => {
    const graph = reachableGraph(model, 'crashes');
    if (!graph) throw new Error('no configuration crashes');
    const report = await runVectors(pathVectors(model, graph, 'transitions').vectors, xstateAdapter());
    expect(report.failures, formatReport(report)).toEqual([]);
  });

  it.each([0, 1] as RoleId[])('reach, by @xstate/graph, the single-server states fsmkit reaches (role %i)', (role) => {
    // fsmkit: breadth first from the initial server over every input.
    const start: Endpoint = { state: id(model.spec.pair?.initial.state ?? 'INIT'), memory: NO_MEMORY, flag: false };
    const seen = new Map<string, Endpoint>();
    const name = (e: Endpoint) => key(model.states[e.state]?.name as string, e.memory === NO_MEMORY ? null : (model.states[e.memory]?.name as string), e.flag);
    const queue = [start];
    seen.set(name(start), start);
    for (let i = 0; i < queue.length; i++) {
      const server = queue[i] as Endpoint;
      for (const view of partnerViews(model, role)) {
        for (const event of serverEvents(model)) {
          const input = { ...view, event };
          if (model.events[event]?.kind === 'link-lost' && namedInput({ model }, role, server, input).link === 'ok') continue;
          const next = stepEndpoint(model, role, server, input).next;
          if (!seen.has(name(next))) {
            seen.set(name(next), next);
            queue.push(next);
          }
        }
      }
    }
    const machine = machineOf(model.roles[role]);
    const paths = getShortestPaths(machine, {
      events: (snapshot) => inputsFor(role, { state: id(String(snapshot.value)), memory: id(snapshot.context.previous), flag: snapshot.context.flag }),
    });
    const reached = new Set(paths.map((p) => key(String(p.state.value), p.state.context.previous, p.state.context.flag)));
    expect([...reached].sort()).toEqual([...seen.keys()].sort());
  });
});
