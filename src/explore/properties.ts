import type { Model, RoleId } from '../model/model.js';
import type { PropertySpec, StateSet } from '../spec/spec-types.js';
import { entryBreach, entryWatches } from './entry-watch.js';
import { depthOf, type ExploredGraph, type ExploreOptions } from './explore.js';
import { DISABLED } from './local-table.js';
import { PAIR_WIDTH, partnerOf, stateOf } from './pair-codec.js';
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

const REACHES_GOOD = -2;

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

/** Marks of the recoverability check, one byte per slot of the state table. */
const UNKNOWN = 0;
const HEALS = 1;
const ON_WALK = 2;
/** A walk through the state ended without reaching a state known to heal. */
const TRIED = 3;

/**
 * From every state, healing steps alone lead every relationship back to its
 * goal. Computed without storing edges, in two phases. First, from each
 * state not yet settled, a walk follows healing steps (never twice through a
 * state) until a step reaches a state known to heal, which makes the whole
 * walk heal: the protocol converges, so nearly every state is settled by one
 * walk and no state is walked through often. Then, for the states no walk
 * settled, passes over them repeat until nothing changes (a state heals
 * when a healing step leads to a state that does), which decides the rest
 * exactly.
 */
function recoverable(graph: ExploredGraph, property: PropertySpec, onProgress?: ExploreOptions['onProgress']): Verdict {
  const { states, codec, table } = graph;
  const started = performance.now();
  let settled = 0;
  const report = () =>
    onProgress?.({
      states: states.size,
      queued: 0,
      depth: graph.levels.length - 1,
      elapsedMs: performance.now() - started,
      checking: { property: property.name, settled },
    });
  const k = graph.shape.relationships;
  const slots = states.capacity;
  // Indexed by slot: the table's slots number the states.
  const mark = new Uint8Array(slots);
  const tuple = new Int32Array(k);
  const work = new Int32Array(k);
  const healing = table.steps.map((s) => s.healing);
  const sharedHealing = table.sharedSteps.filter((s) => s.healing).map((s) => s.index);
  let walk = new Int32Array(1 << 10);
  // What heal() found so far: the successor to walk to next (unsettled first, then tried), as slots.
  let nextUnknown = -1;
  let nextTried = -1;
  for (let slot = 0; slot < slots; slot++) {
    if (!states.used(slot)) continue;
    codec.unpack(states.keyAt(slot), tuple);
    let all = true;
    for (let i = 0; i < k && all; i++) all = table.isGoal[tuple[i] as number] === true;
    if (all) {
      mark[slot] = HEALS;
      settled++;
    }
  }
  for (let slot = 0; slot < slots; slot++) {
    if ((slot & 0xfffff) === 0) report();
    if (mark[slot] !== UNKNOWN || !states.used(slot)) continue;
    let length = 0;
    let healed = false;
    for (let at = slot; at >= 0; ) {
      if (length === walk.length) {
        const longer = new Int32Array(walk.length * 2);
        longer.set(walk);
        walk = longer;
      }
      walk[length++] = at;
      mark[at] = ON_WALK;
      at = heal(at);
      if (at === REACHES_GOOD) {
        healed = true;
        break;
      }
    }
    for (let w = 0; w < length; w++) mark[walk[w] as number] = healed ? HEALS : TRIED;
    if (healed) settled += length;
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let slot = 0; slot < slots; slot++) {
      if (mark[slot] === HEALS || !states.used(slot)) continue;
      if (heal(slot) === REACHES_GOOD) {
        mark[slot] = HEALS;
        settled++;
        changed = true;
      }
    }
  }

  /** Looks at one healing successor; true when it is known to heal. */
  function consider(successor: number): boolean {
    const slot = states.slotOf(successor);
    const m = mark[slot];
    if (m === HEALS) return true;
    if (m === UNKNOWN && nextUnknown < 0) nextUnknown = slot;
    if (m === TRIED && nextTried < 0) nextTried = slot;
    return false;
  }
  /** REACHES_GOOD when a healing step from the state in `slot` leads to a state known to heal; else the slot to walk to, or -1. */
  function heal(slot: number): number {
    const key = states.keyAt(slot);
    codec.unpack(key, tuple);
    nextUnknown = -1;
    nextTried = -1;
    for (let i = 0; i < k; i++) {
      const l = tuple[i] as number;
      // Unexpanded only past a state limit.
      if (!table.isExpanded(l)) continue;
      for (let m = table.moveStart[l] as number; m < (table.moveEnd[l] as number); m += 2) {
        if (!healing[table.moveData[m] as number]) continue;
        for (let c = 0; c < k; c++) work[c] = tuple[c] as number;
        work[i] = table.moveData[m + 1] as number;
        if (consider(codec.pack(work))) return REACHES_GOOD;
      }
    }
    for (const h of sharedHealing) {
      let enabled = false;
      for (let i = 0; i < k; i++) {
        const target = table.isExpanded(tuple[i] as number) ? table.sharedTarget(tuple[i] as number, h) : DISABLED;
        work[i] = target === DISABLED ? (tuple[i] as number) : target;
        if (target !== DISABLED) enabled = true;
      }
      if (!enabled) continue;
      const successor = codec.pack(work);
      if (successor !== key && consider(successor)) return REACHES_GOOD;
    }
    return nextUnknown >= 0 ? nextUnknown : nextTried;
  }
  let bad = -1;
  for (let slot = 0; slot < slots; slot++) {
    if (mark[slot] === HEALS || !states.used(slot)) continue;
    if (bad < 0 || states.depthAt(slot) < states.depthAt(bad)) bad = slot;
  }
  if (bad < 0) return verdict(property, 'holds');
  return verdict(property, 'violated', {
    summary: where(
      graph,
      'from the last state, healing steps alone never bring the pair back to its goal',
      'from the last state, healing steps alone never bring every relationship back to its goal',
    ),
    trace: traceTo(graph, states.keyAt(bad)),
  });
}
