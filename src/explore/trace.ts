import { type Model, NO_MEMORY } from '../model/model.js';
import { type ExploredGraph, pairStateOf } from './explore.js';
import { F, M, NET, type PairState, S } from './pair-codec.js';

/** One server in a pair state, as plain data. */
export interface ServerView {
  state: string;
  /** The remembered state, when the server keeps one. */
  memory?: string;
  /** The flag, when the spec declares one. */
  flag?: boolean;
}

/** A pair state as plain data, keyed by role name. */
export interface PairView {
  servers: Record<string, ServerView>;
  network: 'up' | 'down';
}

/** One step of a trace: what happened and the pair state after it. */
export interface TraceStep {
  /** Role of the server that moved; absent for network steps and the start. */
  server?: string;
  /** Rule id for a protocol or environment rule. */
  rule?: string;
  /** Event name (trigger or environment action). */
  event?: string;
  /** Section of the source for the rule or event. */
  ref?: string;
  kind: 'start' | 'protocol' | 'environment';
  after: PairView;
}

/** A path from the initial state: step 0 is the start. */
export type Trace = TraceStep[];

/** A pair state as plain data. */
export function pairView(model: Model, p: PairState): PairView {
  const servers: Record<string, ServerView> = {};
  for (const i of [0, 1] as const) {
    const view: ServerView = { state: model.states[p[S[i]] as number]?.name ?? '?' };
    const memory = p[M[i]] as number;
    if (memory !== NO_MEMORY) view.memory = model.states[memory]?.name ?? '?';
    if (model.hasFlag) view.flag = p[F[i]] === 1;
    servers[model.roles[i]] = view;
  }
  return { servers, network: p[NET] === 1 ? 'up' : 'down' };
}

/** The shortest path from the initial state to state `id`, rebuilt from the back-pointers. */
export function traceTo(graph: ExploredGraph, id: number): Trace {
  const ids: number[] = [];
  for (let at = id; at >= 0; at = graph.parent[at] as number) ids.push(at);
  ids.reverse();
  return ids.map((stateId, i) =>
    i === 0 ? { kind: 'start', after: pairView(graph.model, pairStateOf(graph, stateId)) } : stepInto(graph, stateId, graph.parentStep[stateId] as number),
  );
}

/** The shortest path to `from`, then one more step (`step`, arriving in `to`), which need not be on the tree. */
export function traceThrough(graph: ExploredGraph, from: number, step: number, to: number): Trace {
  return [...traceTo(graph, from), stepInto(graph, to, step)];
}

function stepInto(graph: ExploredGraph, stateId: number, stepId: number): TraceStep {
  const { model } = graph;
  const after = pairView(graph.model, pairStateOf(graph, stateId));
  const step = graph.steps[stepId];
  const event = step ? model.events[step.event] : undefined;
  const entry: TraceStep = { kind: step?.protocol ? 'protocol' : 'environment', after };
  if (step?.server !== undefined) entry.server = model.roles[step.server];
  if (step?.rule) entry.rule = step.rule.id;
  if (event) entry.event = event.name;
  const ref = step?.rule ? model.spec.rules[step.rule.index]?.ref : model.spec.events[step?.event ?? -1]?.ref;
  if (ref) entry.ref = ref;
  return entry;
}

/**
 * One line per step, aligned: what moved, then both servers and the network.
 * A server shows as STATE[memory] with `*` when its flag is set.
 */
export function formatTrace(trace: Trace, roles: readonly [string, string]): string[] {
  const what = trace.map((s, i) => {
    if (s.kind === 'start') return '0. start';
    const who = s.server ? `${s.server}: ` : '';
    const name = s.rule ? `${s.rule} (${s.event}${s.ref ? `, ${s.ref}` : ''})` : `${s.event}${s.ref ? ` (${s.ref})` : ''}`;
    return `${i}. ${who}${name}`;
  });
  const width = Math.max(...what.map((w) => w.length));
  const server = (v: ServerView | undefined) => {
    if (!v) return '?';
    const memory = v.memory ? `[${v.memory}]` : '';
    const flag = v.flag ? '*' : '';
    return `${v.state}${memory}${flag}`;
  };
  const cells = trace.map((s) => roles.map((r) => server(s.after.servers[r])));
  const width0 = Math.max(...cells.map((c) => c[0]?.length ?? 0));
  const width1 = Math.max(...cells.map((c) => c[1]?.length ?? 0));
  return trace.map((s, i) => {
    const [a, b] = cells[i] as string[];
    return `${(what[i] as string).padEnd(width)}  ${roles[0]} ${(a as string).padEnd(width0)}  ${roles[1]} ${(b as string).padEnd(width1)}  network ${s.after.network}`;
  });
}
