import type { Model } from '../model/model.js';
import type { PropertySpec, StateSet } from '../spec/spec-types.js';
import { type ExploredGraph, pairStateOf } from './explore.js';
import { PAIR_WIDTH, S } from './pair-codec.js';
import type { SystemTrace } from './system-trace.js';
import { type Trace, traceThrough, traceTo } from './trace.js';

export type VerdictStatus = 'holds' | 'violated';

/** The outcome of one property in one configuration. */
export interface Verdict {
  property: string;
  kind: PropertySpec['kind'];
  status: VerdictStatus;
  /** What the counterexample shows, in one sentence. */
  summary?: string;
  /** Shortest trace to the state that violates the property. */
  trace?: Trace;
  /** With several relationships: shortest trace of the whole system instead. */
  systemTrace?: SystemTrace;
  /** For reachability: `role:STATE` pairs never reached, and rules that never fire. */
  unreached?: string[];
  unfired?: string[];
}

/** Evaluates every property of the spec on an explored graph. */
export function checkProperties(graph: ExploredGraph): Verdict[] {
  const checkers = { reachability, 'no-stuck': noStuck, recoverable, invariant, entry } as const;
  return (graph.model.spec.properties ?? []).map((property) => checkers[property.kind](graph, property));
}

export function verdict(property: PropertySpec, status: VerdictStatus, extra: Partial<Verdict> = {}): Verdict {
  return { property: property.name, kind: property.kind, status, ...extra };
}

function reachability(graph: ExploredGraph, property: PropertySpec): Verdict {
  const { model } = graph;
  const unreached: string[] = [];
  for (const role of [0, 1] as const) {
    for (const state of model.states) {
      if (state.roles[role] && !graph.reached[role][state.id]) unreached.push(`${model.roles[role]}:${state.name}`);
    }
  }
  const unfired = model.rules.filter((r) => !graph.ruleFired[r.index]).map((r) => r.id);
  const status = unreached.length === 0 && unfired.length === 0 ? 'holds' : 'violated';
  return verdict(property, status, { unreached, unfired });
}

function noStuck(graph: ExploredGraph, property: PropertySpec): Verdict {
  const stuck = graph.firstStuck;
  const dead = graph.firstDeadlock;
  if (stuck < 0 && dead < 0) return verdict(property, 'holds');
  // Report the shallower of the two; both are found in breadth-first order.
  if (stuck >= 0 && (dead < 0 || stuck <= dead)) {
    return verdict(property, 'violated', {
      summary: 'the link is ok, no protocol step can move either server, and the pair is not in its goal',
      trace: traceTo(graph, stuck),
    });
  }
  return verdict(property, 'violated', { summary: 'no step at all is possible', trace: traceTo(graph, dead) });
}

function recoverable(graph: ExploredGraph, property: PropertySpec): Verdict {
  const count = graph.keys.length;
  // Reverse adjacency of the healing edges, in compressed rows.
  const start = new Int32Array(count + 1);
  for (const to of graph.healingTo) start[to + 1] = (start[to + 1] as number) + 1;
  for (let i = 0; i < count; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, count);
  const from = new Int32Array(graph.healingFrom.length);
  graph.healingTo.forEach((to, e) => {
    from[(fill[to] as number)++] = graph.healingFrom[e] as number;
  });
  const good = new Uint8Array(count);
  const queue = new Int32Array(count);
  let tail = 0;
  const p = new Int32Array(PAIR_WIDTH);
  for (let id = 0; id < count; id++) {
    if (graph.isGoal(pairStateOf(graph, id, p))) {
      good[id] = 1;
      queue[tail++] = id;
    }
  }
  for (let head = 0; head < tail; head++) {
    const id = queue[head] as number;
    for (let e = start[id] as number; e < (start[id + 1] as number); e++) {
      const pred = from[e] as number;
      if (!good[pred]) {
        good[pred] = 1;
        queue[tail++] = pred;
      }
    }
  }
  const bad = good.indexOf(0);
  if (bad < 0) return verdict(property, 'holds');
  return verdict(property, 'violated', {
    summary: 'from the last state, healing steps alone never bring the pair back to its goal',
    trace: traceTo(graph, bad),
  });
}

/** Whether `state` belongs to a state set of a property (a list of names, or every state that serves or not). */
export function inSet(model: Model, set: StateSet, state: number): boolean {
  const s = model.states[state];
  if (!s) return false;
  return Array.isArray(set) ? set.includes(s.name) : s.serves === set.serves;
}

function invariant(graph: ExploredGraph, property: PropertySpec): Verdict {
  const never = property.never;
  if (!never) return verdict(property, 'holds');
  const { model } = graph;
  const p = new Int32Array(PAIR_WIDTH);
  for (let id = 0; id < graph.keys.length; id++) {
    pairStateOf(graph, id, p);
    for (const i of [0, 1] as const) {
      if (inSet(model, never.one, p[S[i]] as number) && inSet(model, never.other, p[S[1 - i] as 0 | 1] as number)) {
        const a = model.states[p[S[i]] as number]?.name;
        const b = model.states[p[S[1 - i] as 0 | 1] as number]?.name;
        return verdict(property, 'violated', {
          summary: `the ${model.roles[i]} is in ${a} while the ${model.roles[1 - i]} is in ${b}`,
          trace: traceTo(graph, id),
        });
      }
    }
  }
  return verdict(property, 'holds');
}

function entry(graph: ExploredGraph, property: PropertySpec): Verdict {
  const found = graph.entryViolations.get(property.name);
  if (!found) return verdict(property, 'holds');
  const { model } = graph;
  // The trace leads to the state before the step, then takes the offending step.
  const trace = traceThrough(graph, found.from, found.step, found.to);
  const who = model.roles[found.server];
  const other = model.roles[1 - found.server];
  const summary = `the ${who} enters ${model.states[found.entered]?.name} while the ${other} shows ${model.states[found.shown]?.name}`;
  return verdict(property, 'violated', { summary, trace });
}
