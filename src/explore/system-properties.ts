import type { Model } from '../model/model.js';
import type { PropertySpec, StateSet } from '../spec/spec-types.js';
import { entryBreach, entryWatches } from './entry-watch.js';
import type { SystemGraph } from './explore-system.js';
import { DISABLED } from './local-table.js';
import { PAIR_WIDTH, S } from './pair-codec.js';
import type { Verdict, VerdictStatus } from './properties.js';
import { type SystemMove, systemTrace, systemTraceThrough } from './system-trace.js';

/**
 * Evaluates every property of the spec on K relationships. Reachability,
 * stuck relationships, invariants and entries concern one relationship, so
 * they are read from the local states reached (the shallowest system state
 * holding one gives the shortest trace); recoverability and "no step at all"
 * concern the whole system.
 */
export function checkSystemProperties(graph: SystemGraph): Verdict[] {
  const checkers = { reachability, 'no-stuck': noStuck, recoverable, invariant, entry } as const;
  return (graph.model.spec.properties ?? []).map((property) => checkers[property.kind](graph, property));
}

function verdict(property: PropertySpec, status: VerdictStatus, extra: Partial<Verdict> = {}): Verdict {
  return { property: property.name, kind: property.kind, status, ...extra };
}

/** Local states that occur in some explored system state and were expanded. */
function reachedLocals(graph: SystemGraph): number[] {
  const out: number[] = [];
  graph.firstSeen.forEach((id, l) => {
    if (id >= 0 && graph.table.moves[l]) out.push(l);
  });
  return out;
}

/** The local state, among those matching, first seen (so with the shortest trace). */
function shallowest(graph: SystemGraph, matches: (l: number) => boolean): number {
  let best = -1;
  for (const l of reachedLocals(graph)) {
    if (matches(l) && (best < 0 || (graph.firstSeen[l] as number) < (graph.firstSeen[best] as number))) best = l;
  }
  return best;
}

function reachability(graph: SystemGraph, property: PropertySpec): Verdict {
  const { model, table } = graph;
  const reached = [new Set<number>(), new Set<number>()];
  const p = new Int32Array(PAIR_WIDTH);
  for (const l of reachedLocals(graph)) {
    table.pairOf(l, p);
    reached[0]?.add(p[S[0]] as number);
    reached[1]?.add(p[S[1]] as number);
  }
  const unreached: string[] = [];
  for (const role of [0, 1] as const) {
    for (const state of model.states) {
      if (state.roles[role] && !reached[role]?.has(state.id)) unreached.push(`${model.roles[role]}:${state.name}`);
    }
  }
  const unfired = model.rules.filter((r) => !table.ruleFired[r.index]).map((r) => r.id);
  return verdict(property, unreached.length === 0 && unfired.length === 0 ? 'holds' : 'violated', { unreached, unfired });
}

function noStuck(graph: SystemGraph, property: PropertySpec): Verdict {
  const stuck = shallowest(graph, (l) => graph.table.stuck[l] === true);
  const stuckAt = stuck < 0 ? -1 : (graph.firstSeen[stuck] as number);
  const dead = graph.firstDeadlock;
  if (stuckAt < 0 && dead < 0) return verdict(property, 'holds');
  if (stuckAt >= 0 && (dead < 0 || stuckAt <= dead)) {
    return verdict(property, 'violated', {
      summary: 'a relationship has an ok link, no protocol step can move either of its servers, and it is not in its goal',
      systemTrace: systemTrace(graph, stuckAt),
    });
  }
  return verdict(property, 'violated', { summary: 'no step at all is possible', systemTrace: systemTrace(graph, dead) });
}

function inSet(model: Model, set: StateSet, state: number): boolean {
  const s = model.states[state];
  if (!s) return false;
  return Array.isArray(set) ? set.includes(s.name) : s.serves === set.serves;
}

function invariant(graph: SystemGraph, property: PropertySpec): Verdict {
  const never = property.never;
  if (!never) return verdict(property, 'holds');
  const { model, table } = graph;
  const p = new Int32Array(PAIR_WIDTH);
  const breaks = (l: number): number => {
    table.pairOf(l, p);
    for (const i of [0, 1] as const) {
      if (inSet(model, never.one, p[S[i]] as number) && inSet(model, never.other, p[S[1 - i] as 0 | 1] as number)) return i;
    }
    return -1;
  };
  const l = shallowest(graph, (x) => breaks(x) >= 0);
  if (l < 0) return verdict(property, 'holds');
  const i = breaks(l);
  const a = model.states[p[S[i as 0 | 1]] as number]?.name;
  const b = model.states[p[S[(1 - i) as 0 | 1]] as number]?.name;
  return verdict(property, 'violated', {
    summary: `in one relationship the ${model.roles[i]} is in ${a} while the ${model.roles[1 - i]} is in ${b}`,
    systemTrace: systemTrace(graph, graph.firstSeen[l] as number),
  });
}

function entry(graph: SystemGraph, property: PropertySpec): Verdict {
  const { model, table } = graph;
  const watch = entryWatches(model).find((w) => w.name === property.name);
  if (!watch) return verdict(property, 'holds');
  const before = new Int32Array(PAIR_WIDTH);
  const after = new Int32Array(PAIR_WIDTH);
  let found: { l: number; move: SystemMove; breach: NonNullable<ReturnType<typeof entryBreach>> } | undefined;
  for (const l of reachedLocals(graph)) {
    if (found && (graph.firstSeen[found.l] as number) <= (graph.firstSeen[l] as number)) continue;
    table.pairOf(l, before);
    const check = (target: number, move: SystemMove) => {
      if (found?.l === l) return;
      const breach = entryBreach(model, watch, before, table.pairOf(target, after));
      if (breach) found = { l, move, breach };
    };
    const moves = table.moves[l] as Int32Array;
    for (let m = 0; m < moves.length; m += 2) check(moves[m + 1] as number, { kind: 'relationship', local: l, step: moves[m] as number });
    (table.shared[l] as Int32Array).forEach((target, h) => {
      if (target !== DISABLED) check(target, { kind: 'shared', shared: h });
    });
  }
  if (!found) return verdict(property, 'holds');
  const who = model.roles[found.breach.server];
  const other = model.roles[1 - found.breach.server];
  const summary = `in one relationship the ${who} enters ${model.states[found.breach.entered]?.name} while the ${other} shows ${model.states[found.breach.shown]?.name}`;
  return verdict(property, 'violated', { summary, systemTrace: systemTraceThrough(graph, graph.firstSeen[found.l] as number, found.move) });
}

/**
 * From every state, healing steps alone lead every relationship back to its
 * goal. Computed without storing edges: a state is good when all its
 * relationships are at their goal or a healing step leads to a good state;
 * passes over all states repeat until nothing changes (as many passes as the
 * longest way back, at most).
 */
function recoverable(graph: SystemGraph, property: PropertySpec): Verdict {
  const { states, codec, table } = graph;
  const k = graph.shape.relationships;
  const count = states.size;
  const good = new Uint8Array(count);
  const tuple = new Int32Array(k);
  const work = new Int32Array(k);
  const healing = table.steps.map((s) => s.healing);
  const sharedHealing = table.sharedSteps.filter((s) => s.healing).map((s) => s.index);
  const isGood = (key: number) => {
    const id = states.get(key);
    return id >= 0 && good[id] === 1;
  };
  for (let id = 0; id < count; id++) {
    codec.unpack(states.keyOf(id), tuple);
    let all = true;
    for (let i = 0; i < k && all; i++) all = table.isGoal[tuple[i] as number] === true;
    if (all) good[id] = 1;
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let id = count - 1; id >= 0; id--) {
      if (good[id]) continue;
      codec.unpack(states.keyOf(id), tuple);
      if (healsToGood(tuple)) {
        good[id] = 1;
        changed = true;
      }
    }
  }
  function healsToGood(t: Int32Array): boolean {
    for (let i = 0; i < k; i++) {
      const moves = table.moves[t[i] as number];
      if (!moves) continue;
      for (let m = 0; m < moves.length; m += 2) {
        if (!healing[moves[m] as number]) continue;
        work.set(t);
        work[i] = moves[m + 1] as number;
        if (isGood(codec.pack(work))) return true;
      }
    }
    for (const h of sharedHealing) {
      let enabled = false;
      for (let i = 0; i < k; i++) {
        const target = (table.shared[t[i] as number] as Int32Array)[h] as number;
        work[i] = target === DISABLED ? (t[i] as number) : target;
        if (target !== DISABLED) enabled = true;
      }
      if (enabled && isGood(codec.pack(work))) return true;
    }
    return false;
  }
  const bad = good.indexOf(0);
  if (bad < 0) return verdict(property, 'holds');
  return verdict(property, 'violated', {
    summary: 'from the last state, healing steps alone never bring every relationship back to its goal',
    systemTrace: systemTrace(graph, bad),
  });
}
