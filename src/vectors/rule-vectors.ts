import { type Model, NO_MEMORY, type RoleId } from '../model/model.js';
import { rememberedStates } from '../model/remembered-states.js';
import { type Endpoint, type EndpointInput, stepEndpoint } from './endpoint.js';
import { eventRef, type Named, namedInput, namedServer, ruleRef } from './naming.js';
import type { Vector, VectorStep, VectorSummary } from './vector-types.js';

/** A single-server situation: who, from where, under what. */
interface Probe {
  role: RoleId;
  start: Endpoint;
  input: EndpointInput;
}

/** The rules vectors of a model and their summary. */
export interface RuleVectors {
  vectors: Vector[];
  summary: VectorSummary;
}

/**
 * Vectors covering every rule of each role once (a server placed in the
 * rule's state, one input that fires it), plus negative vectors: around
 * each rule's firing input, every input that differs in one respect (the
 * partner's state, whether it shows its memory, the network, the event, the flag, the
 * flag's watch) and must leave the server exactly as it was.
 */
export function ruleVectors(model: Model): RuleVectors {
  const names: Named = { model };
  const vectors: Vector[] = [];
  const negatives = new Map<string, { probe: Probe; rule: number; inputs: Map<string, { input: EndpointInput; rule: number }> }>();
  const uncovered: string[] = [];
  let total = 0;
  for (const role of [0, 1] as RoleId[]) {
    for (const rule of model.rules) {
      if (rule.role !== undefined && rule.role !== role) continue;
      if (!model.states[rule.from]?.roles[role]) continue;
      total++;
      const base = firingProbe(model, role, rule.index);
      if (!base) {
        uncovered.push(`${model.roles[role]}:${rule.id}`);
        continue;
      }
      const step = stepEndpoint(model, role, base.start, base.input);
      vectors.push({
        id: `rule/${model.roles[role]}/${rule.id}`,
        kind: 'rule',
        role: model.roles[role],
        rule: rule.id,
        start: namedServer(names, base.start),
        steps: [
          { input: namedInput(names, role, base.start, base.input), expect: namedServer(names, step.next), rule: rule.id, ref: ruleRef(model, rule.index) },
        ],
      });
      for (const probe of boundaryProbes(model, base)) {
        if (!staysPut(model, probe.start, probe)) continue;
        const key = `${role}:${probe.start.state}:${probe.start.memory}:${probe.start.flag}`;
        let group = negatives.get(key);
        if (!group) {
          group = { probe, rule: rule.index, inputs: new Map() };
          negatives.set(key, group);
        }
        const inputKey = JSON.stringify(probe.input);
        if (!group.inputs.has(inputKey)) group.inputs.set(inputKey, { input: probe.input, rule: rule.index });
      }
    }
  }
  vectors.push(...haltVectors(model));
  let negativeSteps = 0;
  for (const group of negatives.values()) {
    const { role } = group.probe;
    // Applied in order: an input may set or clear the flag (and only that), which the next one starts from.
    const steps: VectorStep[] = [];
    let server = group.probe.start;
    for (const { input, rule } of group.inputs.values()) {
      if (!staysPut(model, server, { role, start: server, input })) continue;
      const after = stepEndpoint(model, role, server, input);
      steps.push({
        input: namedInput(names, role, server, input),
        expect: namedServer(names, after.next),
        rule: after.rule?.id ?? null,
        ref: ruleRef(model, after.rule?.index ?? rule),
      });
      server = after.next;
    }
    const start = namedServer(names, group.probe.start);
    const memory = start.previous === null ? '' : `[${start.previous}]`;
    negativeSteps += steps.length;
    vectors.push({
      id: `negative/${model.roles[role]}/${start.state}${memory}${start.flag ? '+flag' : ''}`,
      kind: 'negative',
      role: model.roles[role],
      rule: model.rules[group.rule]?.id ?? null,
      start,
      steps,
    });
  }
  const steps = vectors.reduce((n, v) => n + v.steps.length, 0);
  return {
    vectors,
    summary: {
      vectors: vectors.length,
      steps,
      rulesCovered: total - uncovered.length,
      rulesTotal: total,
      uncovered,
      negativeSteps,
      haltVectors: vectors.filter((v) => v.kind === 'halt').length,
    },
  };
}

/**
 * The built-in halt actions (crash, pause, shut down...) are no rules, but
 * an implementation must record the right previous-state: one vector per
 * halt event, role and running state, the partner connected in its goal state (or
 * its first running state) when possible.
 */
function haltVectors(model: Model): Vector[] {
  const names: Named = { model };
  const out: Vector[] = [];
  for (const role of [0, 1] as RoleId[]) {
    const views = partnerViews(model, role).filter((v) => v.networkUp && model.states[v.partnerState]?.running && !model.states[v.partnerState]?.showsMemory);
    for (const event of model.events) {
      if (event.action !== 'halt') continue;
      for (const start of starts(model, role)) {
        if (start.flag || !model.states[start.state]?.running) continue;
        const view = views.find((v) => stepEndpoint(model, role, start, { ...v, event: event.id }).next.state !== start.state);
        if (!view) continue;
        const input = { ...view, event: event.id };
        const after = stepEndpoint(model, role, start, input);
        const from = namedServer(names, start);
        out.push({
          id: `halt/${model.roles[role]}/${event.name}/${from.state}${from.previous === null ? '' : `[${from.previous}]`}`,
          kind: 'halt',
          role: model.roles[role],
          rule: null,
          start: from,
          steps: [{ input: namedInput(names, role, start, input), expect: namedServer(names, after.next), rule: null, ref: eventRef(model, event.id) }],
        });
      }
    }
  }
  return out;
}

/** Under the probe's input the server keeps its state and memory, and no rule moves it (its flag may follow the partner). */
function staysPut(model: Model, server: Endpoint, probe: Probe): boolean {
  const after = stepEndpoint(model, probe.role, server, probe.input);
  return after.next.state === server.state && after.next.memory === server.memory && !(after.rule && !after.rule.stay);
}

/** Every server of `role` a vector may start from, in a fixed order: flag unset first. */
function starts(model: Model, role: RoleId): Endpoint[] {
  const remembered = rememberedStates(model).filter((s) => model.states[s]?.roles[role]);
  const out: Endpoint[] = [];
  for (const flag of model.hasFlag ? [false, true] : [false]) {
    for (const s of model.states) {
      if (!s.roles[role]) continue;
      for (const memory of s.memory ? remembered : [NO_MEMORY]) out.push({ state: s.id, memory, flag });
    }
  }
  return out;
}

/** Every way the partner (of the other role) and the network can stand, network up first. */
export function partnerViews(model: Model, role: RoleId): Omit<EndpointInput, 'event'>[] {
  const partnerRole = 1 - role;
  const remembered = rememberedStates(model).filter((s) => model.states[s]?.roles[partnerRole]);
  const out: Omit<EndpointInput, 'event'>[] = [];
  for (const networkUp of [true, false]) {
    for (const s of model.states) {
      if (!s.roles[partnerRole]) continue;
      if (s.showsMemory) {
        for (const m of remembered) out.push({ networkUp, partnerState: s.id, partnerMemory: m, watch: model.hasFlag && (model.flagWatch[m] ?? false) });
      } else if (s.memory && model.hasFlag) {
        for (const watch of [false, true]) out.push({ networkUp, partnerState: s.id, partnerMemory: NO_MEMORY, watch });
      } else {
        out.push({ networkUp, partnerState: s.id, partnerMemory: NO_MEMORY, watch: model.hasFlag && (model.flagWatch[s.id] ?? false) });
      }
    }
  }
  return out;
}

/** Events a single server is told of: all but the network's own (their effect on a server is link-lost). */
export function serverEvents(model: Model): number[] {
  return model.events.filter((e) => e.action !== 'network-down' && e.action !== 'network-up').map((e) => e.id);
}

/** The input is a possible one: the link-lost event comes only with the link no longer ok. */
export function possible(model: Model, start: Endpoint, input: EndpointInput): boolean {
  if (model.events[input.event]?.kind !== 'link-lost') return true;
  const running = (s: number) => model.states[s]?.running ?? false;
  return !(input.networkUp && running(start.state) && running(input.partnerState));
}

/** The first situation (in a fixed order) in which `rule` fires for `role`. */
function firingProbe(model: Model, role: RoleId, ruleIndex: number): Probe | undefined {
  const rule = model.rules[ruleIndex];
  if (!rule) return undefined;
  const views = partnerViews(model, role);
  for (const start of starts(model, role)) {
    if (start.state !== rule.from) continue;
    for (const event of rule.events) {
      for (const view of views) {
        const input = { ...view, event };
        if (!possible(model, start, input)) continue;
        if (stepEndpoint(model, role, start, input).rule?.index === ruleIndex) return { role, start, input };
      }
    }
  }
  return undefined;
}

/** Situations one respect away from `base`. */
function boundaryProbes(model: Model, base: Probe): Probe[] {
  const out: Probe[] = [];
  const { role, start, input } = base;
  const add = (p: Probe) => {
    if (possible(model, p.start, p.input)) out.push(p);
  };
  for (const view of partnerViews(model, role)) {
    // Any other partner (its state, shown memory, watch) on the same network; the same partner on the other network.
    const samePartner = view.partnerState === input.partnerState && view.partnerMemory === input.partnerMemory && view.watch === input.watch;
    if (view.networkUp === input.networkUp ? !samePartner : samePartner) add({ role, start, input: { ...view, event: input.event } });
  }
  for (const event of serverEvents(model)) if (event !== input.event) add({ role, start, input: { ...input, event } });
  if (model.hasFlag) {
    add({ role, start: { ...start, flag: !start.flag }, input });
  }
  return out;
}
