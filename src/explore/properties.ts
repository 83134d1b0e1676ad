import type { Model, RoleId } from '../model/model.js';
import type { PropertySpec, StateSet } from '../spec/spec-types.js';
import { entryBreach, entryWatches } from './entry-watch.js';
import { depthOf, type ExploredGraph, type ExploreOptions } from './explore.js';
import { DISABLED } from './local-table.js';
import { PAIR_WIDTH, partnerOf, stateOf } from './pair-codec.js';
import { findUnrecoverable } from './recoverable.js';
import { type Move, type Trace, traceThrough, traceTo } from './trace.js';

export type VerdictStatus = 'holds' | 'violated';

/** The outcome of one property in one configuration. */
export interface Verdict {
  property: string;
  kind: PropertySpec['kind'];
  status: VerdictStatus;
  /** What the counterexample shows, in one sentence. */
  summary?: string;
  /** Shortest trace to the state that violates the property (every relationship at each step). */
  trace?: Trace;
  /** For reachability: `role:STATE` pairs never reached, and rules that never fire. */
  unreached?: string[];
  unfired?: string[];
}

function verdict(property: PropertySpec, status: VerdictStatus, extra: Partial<Verdict> = {}): Verdict {
  return { property: property.name, kind: property.kind, status, ...extra };
}

/** Whether `state` belongs to a state set of a property (a list of names, or every state that serves or not). */
function inSet(model: Model, set: StateSet, state: number): boolean {
  const s = model.states[state];
  if (!s) return false;
  return Array.isArray(set) ? set.includes(s.name) : s.serves === set.serves;
}

/** "the pair" with one relationship, "one relationship" with several: summaries read as the run's shape. */
function where(graph: ExploredGraph, one: string, several: string): string {
  return graph.shape.relationships === 1 ? one : several;
}

/**
 * Evaluates every property of the spec on an explored graph. Reachability,
 * stuck relationships, invariants and entries concern one relationship, so
 * they are read from the local states reached (the shallowest state
 * holding one gives the shortest trace); recoverability and "no step at all"
 * concern the whole system.
 */
export function checkProperties(graph: ExploredGraph, onProgress?: ExploreOptions['onProgress']): Verdict[] {
  const checkers = { reachability, 'no-stuck': noStuck, recoverable, invariant, entry } as const;
  return (graph.model.spec.properties ?? []).map((property) =>
    property.kind === 'recoverable' ? recoverable(graph, property, onProgress) : checkers[property.kind](graph, property),
  );
}

/** Local states that occur in some explored system state and were expanded. */
function reachedLocals(graph: ExploredGraph): number[] {
  const out: number[] = [];
  graph.firstSeen.forEach((id, l) => {
    if (id >= 0 && graph.table.isExpanded(l)) out.push(l);
  });
  return out;
}

/** The depth of the first system state holding local state l. */
function seenAt(graph: ExploredGraph, l: number): number {
  return depthOf(graph, graph.firstSeen[l] as number);
}

/** The local state, among those matching, first seen (so with the shortest trace). */
function shallowest(graph: ExploredGraph, matches: (l: number) => boolean): number {
  let best = -1;
  for (const l of reachedLocals(graph)) {
    if (matches(l) && (best < 0 || seenAt(graph, l) < seenAt(graph, best))) best = l;
  }
  return best;
}

function reachability(graph: ExploredGraph, property: PropertySpec): Verdict {
  const { model, table } = graph;
  const reached = [new Set<number>(), new Set<number>()];
  const p = new Int32Array(PAIR_WIDTH);
  for (const l of reachedLocals(graph)) {
    table.pairOf(l, p);
    reached[0]?.add(stateOf(p, 0));
    reached[1]?.add(stateOf(p, 1));
  }
  const unreached: string[] = [];
  for (const role of [0, 1] as const) {
    for (const state of model.states) {
      if (state.roles[role] && !reached[role]?.has(state.id)) unreached.push(`${model.roles[role]}:${state.name}`);
    }
  }
  const fired = table.firedRules();
  const unfired = model.rules.filter((r) => !fired[r.index]).map((r) => r.id);
  return verdict(property, unreached.length === 0 && unfired.length === 0 ? 'holds' : 'violated', { unreached, unfired });
}

function noStuck(graph: ExploredGraph, property: PropertySpec): Verdict {
  const stuck = shallowest(graph, (l) => graph.table.stuck[l] === true);
  const stuckAt = stuck < 0 ? -1 : (graph.firstSeen[stuck] as number);
  const dead = graph.firstDeadlock;
  if (stuckAt < 0 && dead < 0) return verdict(property, 'holds');
  if (stuckAt >= 0 && (dead < 0 || depthOf(graph, stuckAt) <= depthOf(graph, dead))) {
    return verdict(property, 'violated', {
      summary: where(
        graph,
        'the link is ok, no protocol step can move either server, and the pair is not in its goal',
        'a relationship has an ok link, no protocol step can move either of its servers, and it is not in its goal',
      ),
      trace: traceTo(graph, stuckAt),
    });
  }
  return verdict(property, 'violated', { summary: 'no step at all is possible', trace: traceTo(graph, dead) });
}

function invariant(graph: ExploredGraph, property: PropertySpec): Verdict {
  const never = property.never;
  if (!never) return verdict(property, 'holds');
  const { model, table } = graph;
  const p = new Int32Array(PAIR_WIDTH);
  const breaks = (l: number): number => {
    table.pairOf(l, p);
    for (const i of [0, 1] as const) {
      if (inSet(model, never.one, stateOf(p, i)) && inSet(model, never.other, stateOf(p, partnerOf(i)))) return i;
    }
    return -1;
  };
  const l = shallowest(graph, (x) => breaks(x) >= 0);
  if (l < 0) return verdict(property, 'holds');
  const i = breaks(l);
  const a = model.states[stateOf(p, i as RoleId)]?.name;
  const b = model.states[stateOf(p, partnerOf(i as RoleId))]?.name;
  return verdict(property, 'violated', {
    summary: `${where(graph, '', 'in one relationship ')}the ${model.roles[i]} is in ${a} while the ${model.roles[1 - i]} is in ${b}`,
    trace: traceTo(graph, graph.firstSeen[l] as number),
  });
}

function entry(graph: ExploredGraph, property: PropertySpec): Verdict {
  const { model, table } = graph;
  const watch = entryWatches(model).find((w) => w.name === property.name);
  if (!watch) return verdict(property, 'holds');
  const before = new Int32Array(PAIR_WIDTH);
  const after = new Int32Array(PAIR_WIDTH);
  let found: { l: number; move: Move; breach: NonNullable<ReturnType<typeof entryBreach>> } | undefined;
  for (const l of reachedLocals(graph)) {
    if (found && seenAt(graph, found.l) <= seenAt(graph, l)) continue;
    table.pairOf(l, before);
    const check = (target: number, move: Move) => {
      if (found?.l === l) return;
      const breach = entryBreach(model, watch, before, table.pairOf(target, after));
      if (breach) found = { l, move, breach };
    };
    for (let m = table.moveStart[l] as number; m < (table.moveEnd[l] as number); m += 2) {
      check(table.moveData[m + 1] as number, { kind: 'relationship', local: l, step: table.moveData[m] as number });
    }
    for (let h = 0; h < table.sharedSteps.length; h++) {
      const target = table.sharedTarget(l, h);
      if (target !== DISABLED) check(target, { kind: 'shared', shared: h });
    }
  }
  if (!found) return verdict(property, 'holds');
  const who = model.roles[found.breach.server];
  const other = model.roles[1 - found.breach.server];
  const summary = `${where(graph, '', 'in one relationship ')}the ${who} enters ${model.states[found.breach.entered]?.name} while the ${other} shows ${model.states[found.breach.shown]?.name}`;
  return verdict(property, 'violated', { summary, trace: traceThrough(graph, graph.firstSeen[found.l] as number, found.move) });
}

function recoverable(graph: ExploredGraph, property: PropertySpec, onProgress?: ExploreOptions['onProgress']): Verdict {
  const bad = findUnrecoverable(graph, property.name, onProgress);
  if (bad < 0) return verdict(property, 'holds');
  return verdict(property, 'violated', {
    summary: where(
      graph,
      'from the last state, healing steps alone never bring the pair back to its goal',
      'from the last state, healing steps alone never bring every relationship back to its goal',
    ),
    trace: traceTo(graph, bad),
  });
}
