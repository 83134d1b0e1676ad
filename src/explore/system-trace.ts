import { depthOf, initialLocal, type SystemGraph } from './explore-system.js';
import { DISABLED } from './local-table.js';
import { NET, PAIR_WIDTH } from './pair-codec.js';
import { type PairView, pairView, type ServerView } from './trace.js';

/** One system step: a relationship in local state `local` takes pair step `step`, or shared step `shared` acts on all. */
export type SystemMove = { kind: 'relationship'; local: number; step: number } | { kind: 'shared'; shared: number };

/** The whole system as plain data: the network and each relationship's servers (relationships numbered from 1). */
export interface SystemView {
  network: 'up' | 'down';
  relationships: Array<Record<string, ServerView>>;
}

export interface SystemTraceStep {
  kind: 'start' | 'protocol' | 'environment';
  /** The relationship that moved (from 1); absent for the start and for steps that act on every relationship. */
  relationship?: number;
  /** The role of the server (or host) that moved. */
  server?: string;
  rule?: string;
  event?: string;
  ref?: string;
  after: SystemView;
}

export type SystemTrace = SystemTraceStep[];

/**
 * The moves from the initial state to the state with key `key`, shortest. No
 * back-pointers are stored: each state knows its depth, so a predecessor is
 * found by expanding the states one level up until one leads to it.
 */
function pathTo(graph: SystemGraph, key: number): SystemMove[] {
  const { states } = graph;
  const moves: SystemMove[] = [];
  const tuple = new Int32Array(graph.shape.relationships);
  const work = new Int32Array(graph.shape.relationships);
  for (let at = key, d = depthOf(graph, key); d > 0; d--) {
    let found = false;
    for (let slot = 0; slot < states.capacity && !found; slot++) {
      if (!states.used(slot) || states.depthAt(slot) !== d - 1) continue;
      const move = moveBetween(graph, states.keyAt(slot), at, tuple, work);
      if (move) {
        moves.push(move);
        at = states.keyAt(slot);
        found = true;
      }
    }
    if (!found) throw new Error(`internal: no predecessor of state ${at} at depth ${d - 1}`);
  }
  return moves.reverse();
}

/** The move from the state with key `from` to the state with key `to`, if there is one (`tuple` and `work` are scratch space). */
function moveBetween(graph: SystemGraph, from: number, to: number, tuple: Int32Array, work: Int32Array): SystemMove | undefined {
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
function applyShared(graph: SystemGraph, tuple: Int32Array, h: number, out: Int32Array): boolean {
  let enabled = false;
  tuple.forEach((l, i) => {
    const target = graph.table.sharedTarget(l, h);
    out[i] = target === DISABLED ? l : target;
    if (target !== DISABLED) enabled = true;
  });
  return enabled;
}

/** The shortest trace to the state with key `key`. */
export function systemTrace(graph: SystemGraph, key: number): SystemTrace {
  return replay(graph, pathTo(graph, key));
}

/** The shortest trace to the state with key `key`, then `last`. */
export function systemTraceThrough(graph: SystemGraph, key: number, last: SystemMove): SystemTrace {
  return replay(graph, [...pathTo(graph, key), last]);
}

/**
 * Replays moves from the initial state with relationships in a fixed order:
 * with symmetry each stored state is sorted, so a move names a local state
 * rather than a position; the replay gives it to a relationship in that state.
 */
function replay(graph: SystemGraph, moves: SystemMove[]): SystemTrace {
  const { model, table } = graph;
  const k = graph.shape.relationships;
  const actual = new Int32Array(k).fill(initialLocal(model, table));
  const trace: SystemTrace = [{ kind: 'start', after: systemView(graph, actual) }];
  for (const move of moves) {
    const entry: Omit<SystemTraceStep, 'after'> = { kind: 'environment' };
    let step = undefined as (typeof table.steps)[number] | undefined;
    if (move.kind === 'relationship') {
      const position = actual.indexOf(move.local);
      let target = -1;
      for (let m = table.moveStart[move.local] as number; m < (table.moveEnd[move.local] as number); m += 2) {
        if (table.moveData[m] === move.step) target = table.moveData[m + 1] as number;
      }
      if (position < 0 || target < 0) throw new Error('internal: a trace move does not apply');
      actual[position] = target;
      step = table.steps[move.step];
      entry.relationship = position + 1;
    } else {
      const next = new Int32Array(k);
      applyShared(graph, actual, move.shared, next);
      actual.set(next);
      step = table.sharedSteps[move.shared]?.pairSteps[0];
    }
    if (step) {
      const event = model.events[step.event];
      entry.kind = step.protocol ? 'protocol' : 'environment';
      if (step.server !== undefined) entry.server = model.roles[step.server];
      if (step.rule && move.kind === 'relationship') entry.rule = step.rule.id;
      if (event) entry.event = event.name;
      const ref = step.rule && move.kind === 'relationship' ? model.spec.rules[step.rule.index]?.ref : model.spec.events[step.event]?.ref;
      if (ref) entry.ref = ref;
    }
    trace.push({ ...entry, after: systemView(graph, actual) });
  }
  return trace;
}

function systemView(graph: SystemGraph, tuple: Int32Array): SystemView {
  const p = new Int32Array(PAIR_WIDTH);
  const relationships: Array<Record<string, ServerView>> = [];
  let network: PairView['network'] = 'up';
  for (const l of tuple) {
    graph.table.pairOf(l, p);
    const view = pairView(graph.model, p);
    relationships.push(view.servers);
    network = p[NET] === 1 ? 'up' : 'down';
  }
  return { network, relationships };
}

/**
 * One line per step: what moved (r2 is the second relationship), then each
 * relationship as primary/secondary, then the network. A server shows as
 * STATE[memory] with `*` when its flag is set.
 */
export function formatSystemTrace(trace: SystemTrace, roles: readonly [string, string]): string[] {
  const what = trace.map((s, i) => {
    if (s.kind === 'start') return '0. start';
    const where = s.relationship ? `r${s.relationship} ` : '';
    const who = s.server ? `${where}${s.server}${s.relationship ? '' : ' host'}: ` : where ? `${where}: ` : '';
    const name = s.rule ? `${s.rule} (${s.event}${s.ref ? `, ${s.ref}` : ''})` : `${s.event}${s.ref ? ` (${s.ref})` : ''}`;
    return `${i}. ${who}${name}`;
  });
  const server = (v: ServerView | undefined) => (v ? `${v.state}${v.memory ? `[${v.memory}]` : ''}${v.flag ? '*' : ''}` : '?');
  const cells = trace.map((s) => s.after.relationships.map((r) => `${server(r[roles[0]])} / ${server(r[roles[1]])}`));
  const widths = (cells[0] ?? []).map((_, j) => Math.max(...cells.map((c) => c[j]?.length ?? 0)));
  const width = Math.max(...what.map((w) => w.length));
  return trace.map((s, i) => {
    const relationships = (cells[i] ?? []).map((c, j) => `r${j + 1} ${c.padEnd(widths[j] as number)}`).join('  ');
    return `${(what[i] as string).padEnd(width)}  ${relationships}  network ${s.after.network}`;
  });
}
