import { type Model, type ModelRule, NO_MEMORY } from '../model/model.js';
import { depthOf, type ExploredGraph, initialLocal } from './explore.js';
import { DISABLED } from './local-table.js';
import { flagOf, memoryOf, networkUp, PAIR_WIDTH, type PairState, stateOf } from './pair-codec.js';
import type { Step } from './steps.js';

/** One step of the whole: a relationship in local state `local` takes pair step `step`, or shared step `shared` acts on every relationship. */
export type Move = { kind: 'relationship'; local: number; step: number } | { kind: 'shared'; shared: number };

/** One server in a pair state, as plain data. */
export interface ServerView {
  state: string;
  /** The remembered state, when the server keeps one. */
  memory?: string;
  /** The flag, when the spec declares one. */
  flag?: boolean;
}

/** A pair state (one relationship) as plain data, keyed by role name. */
export interface PairView {
  servers: Record<string, ServerView>;
  network: 'up' | 'down';
}

/** Every relationship as plain data: the network and each relationship's servers (relationships numbered from 1). */
export interface TraceView {
  network: 'up' | 'down';
  relationships: Array<Record<string, ServerView>>;
}

/** One step of a trace: what happened, and every relationship after it. */
export interface TraceStep {
  kind: 'start' | 'protocol' | 'environment';
  /** The relationship that moved (from 1); absent for the start and for steps that act on every relationship. */
  relationship?: number;
  /** The role of the server (or host) that moved; absent for network steps and the start. */
  server?: string;
  /** Rule id for a protocol or environment rule. */
  rule?: string;
  /** Event name (trigger or environment action). */
  event?: string;
  /** Section of the source for the rule or event. */
  ref?: string;
  after: TraceView;
}

/** A path from the initial state: step 0 is the start. */
export type Trace = TraceStep[];

/** One relationship's pair state as a trace step's `after`. */
export function pairTraceView(model: Model, p: PairState): TraceView {
  const view = pairView(model, p);
  return { network: view.network, relationships: [view.servers] };
}

/** A pair state as plain data. */
export function pairView(model: Model, p: PairState): PairView {
  const servers: Record<string, ServerView> = {};
  for (const i of [0, 1] as const) {
    const view: ServerView = { state: model.states[stateOf(p, i)]?.name ?? '?' };
    const memory = memoryOf(p, i);
    if (memory !== NO_MEMORY) view.memory = model.states[memory]?.name ?? '?';
    if (model.hasFlag) view.flag = flagOf(p, i);
    servers[model.roles[i]] = view;
  }
  return { servers, network: networkUp(p) ? 'up' : 'down' };
}

/**
 * The moves from the initial state to the state with key `key`, shortest. No
 * back-pointers are stored: each state knows its depth, so a predecessor is
 * found by expanding the states one level up. Of several predecessors the
 * one with the smallest key is taken, so the trace does not depend on the
 * table's layout (with one relationship keys number pair states in the
 * order they were found, so this is the first one found).
 */
function pathTo(graph: ExploredGraph, key: number): Move[] {
  const { states } = graph;
  const moves: Move[] = [];
  const tuple = new Int32Array(graph.shape.relationships);
  const work = new Int32Array(graph.shape.relationships);
  for (let at = key, d = depthOf(graph, key); d > 0; d--) {
    let best: { key: number; move: Move } | undefined;
    for (let slot = 0; slot < states.capacity; slot++) {
      if (!states.used(slot) || states.depthAt(slot) !== d - 1) continue;
      const from = states.keyAt(slot);
      if (best && from > best.key) continue;
      const move = moveBetween(graph, from, at, tuple, work);
      if (move) best = { key: from, move };
    }
    if (!best) throw new Error(`internal: no predecessor of state ${at} at depth ${d - 1}`);
    moves.push(best.move);
    at = best.key;
  }
  return moves.reverse();
}

/** The move from the state with key `from` to the state with key `to`, if there is one (`tuple` and `work` are scratch space). */
function moveBetween(graph: ExploredGraph, from: number, to: number, tuple: Int32Array, work: Int32Array): Move | undefined {
  const { codec, table } = graph;
  const k = graph.shape.relationships;
  codec.unpack(from, tuple);
  for (let i = 0; i < k; i++) {
    const l = tuple[i] as number;
    for (let m = table.moveStart[l] as number; m < (table.moveEnd[l] as number); m += 2) {
      work.set(tuple);
      work[i] = table.moveData[m + 1] as number;
      if (codec.pack(work) === to) return { kind: 'relationship', local: l, step: table.moveData[m] as number };
    }
  }
  for (let h = 0; h < table.sharedSteps.length; h++) {
    if (applyShared(graph, tuple, h, work) && codec.pack(work) === to) return { kind: 'shared', shared: h };
  }
  return undefined;
}

/** Applies shared step h to every relationship it is enabled on; false when it is enabled on none. */
function applyShared(graph: ExploredGraph, tuple: Int32Array, h: number, out: Int32Array): boolean {
  let enabled = false;
  tuple.forEach((l, i) => {
    const target = graph.table.sharedTarget(l, h);
    out[i] = target === DISABLED ? l : target;
    if (target !== DISABLED) enabled = true;
  });
  return enabled;
}

/** The shortest trace to the state with key `key`. */
export function traceTo(graph: ExploredGraph, key: number): Trace {
  return replay(graph, pathTo(graph, key));
}

/** The shortest trace to the state with key `key`, then `last`. */
export function traceThrough(graph: ExploredGraph, key: number, last: Move): Trace {
  return replay(graph, [...pathTo(graph, key), last]);
}

/**
 * Replays moves from the initial state with relationships in a fixed order:
 * with symmetry each stored state is sorted, so a move names a local state
 * rather than a position; the replay gives it to a relationship in that state.
 */
function replay(graph: ExploredGraph, moves: Move[]): Trace {
  const { model, table } = graph;
  const k = graph.shape.relationships;
  const actual = new Int32Array(k).fill(initialLocal(model, table));
  const trace: Trace = [{ kind: 'start', after: traceView(graph, actual) }];
  for (const move of moves) {
    const entry: Omit<TraceStep, 'after'> = { kind: 'environment' };
    let step = undefined as Step | undefined;
    /** The rule the step applied, when there is one and only one (a shared step may apply different rules to different relationships). */
    let rule: ModelRule | undefined;
    if (move.kind === 'relationship') {
      const position = actual.indexOf(move.local);
      let target = -1;
      for (let m = table.moveStart[move.local] as number; m < (table.moveEnd[move.local] as number); m += 2) {
        if (table.moveData[m] === move.step) target = table.moveData[m + 1] as number;
      }
      if (position < 0 || target < 0) throw new Error('internal: a trace move does not apply');
      actual[position] = target;
      step = table.steps[move.step];
      rule = step?.rule;
      entry.relationship = position + 1;
    } else {
      const group = table.sharedSteps[move.shared];
      rule = sharedRule(graph, actual, group?.pairSteps ?? []);
      const next = new Int32Array(k);
      applyShared(graph, actual, move.shared, next);
      actual.set(next);
      step = group?.pairSteps[0];
    }
    if (step) {
      const event = model.events[step.event];
      entry.kind = step.protocol ? 'protocol' : 'environment';
      if (step.server !== undefined) entry.server = model.roles[step.server];
      if (rule) entry.rule = rule.id;
      if (event) entry.event = event.name;
      const ref = rule ? model.spec.rules[rule.index]?.ref : model.spec.events[step.event]?.ref;
      if (ref) entry.ref = ref;
    }
    trace.push({ ...entry, after: traceView(graph, actual) });
  }
  return trace;
}

/** The one rule a shared step applies to the relationships in `tuple`, or undefined when it applies none or several. */
function sharedRule(graph: ExploredGraph, tuple: Int32Array, pairSteps: readonly Step[]): ModelRule | undefined {
  const p = new Int32Array(PAIR_WIDTH);
  const rules = new Set<ModelRule | undefined>();
  for (const l of tuple) {
    graph.table.pairOf(l, p);
    const applied = pairSteps.find((s) => graph.table.enables(s, p));
    if (applied) rules.add(applied.rule);
  }
  return rules.size === 1 ? [...rules][0] : undefined;
}

function traceView(graph: ExploredGraph, tuple: Int32Array): TraceView {
  const p = new Int32Array(PAIR_WIDTH);
  const relationships: Array<Record<string, ServerView>> = [];
  let network: PairView['network'] = 'up';
  for (const l of tuple) {
    const view = pairView(graph.model, graph.table.pairOf(l, p));
    relationships.push(view.servers);
    network = view.network;
  }
  return { network, relationships };
}

/**
 * One line per step, aligned: what moved, then the servers and the network.
 * With one relationship the line reads `primary STATE  secondary STATE`;
 * with several, each relationship shows as `rN primary / secondary` and a
 * step names the relationship that moved (r2 is the second) or the host.
 * A server shows as STATE[memory] with `*` when its flag is set.
 */
export function formatTrace(trace: Trace, roles: readonly [string, string]): string[] {
  const pair = trace.every((s) => s.after.relationships.length === 1);
  const what = trace.map((s, i) => {
    if (s.kind === 'start') return '0. start';
    const where = !pair && s.relationship ? `r${s.relationship} ` : '';
    const host = !pair && !s.relationship ? ' host' : '';
    const who = s.server ? `${where}${s.server}${host}: ` : where ? `${where}: ` : '';
    const name = s.rule ? `${s.rule} (${s.event}${s.ref ? `, ${s.ref}` : ''})` : `${s.event}${s.ref ? ` (${s.ref})` : ''}`;
    return `${i}. ${who}${name}`;
  });
  const server = (v: ServerView | undefined) => (v ? `${v.state}${v.memory ? `[${v.memory}]` : ''}${v.flag ? '*' : ''}` : '?');
  const cells = trace.map((s) =>
    s.after.relationships.flatMap((r) => (pair ? roles.map((role) => server(r[role])) : [`${server(r[roles[0]])} / ${server(r[roles[1]])}`])),
  );
  const widths = (cells[0] ?? []).map((_, j) => Math.max(...cells.map((c) => c[j]?.length ?? 0)));
  const width = Math.max(...what.map((w) => w.length));
  const label = (j: number) => (pair ? roles[j] : `r${j + 1}`);
  return trace.map((s, i) => {
    const columns = (cells[i] ?? []).map((c, j) => `${label(j)} ${c.padEnd(widths[j] as number)}`).join('  ');
    return `${(what[i] as string).padEnd(width)}  ${columns}  network ${s.after.network}`;
  });
}
