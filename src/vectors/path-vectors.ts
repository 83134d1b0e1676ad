import { type Model, NO_MEMORY, type RoleId } from '../model/model.js';
import type { Endpoint, EndpointInput } from './endpoint.js';
import { eventRef, type Named, namedInput, namedServer, ruleRef } from './naming.js';
import type { GraphEdge, PairTuple, ReachableGraph } from './reachable-graph.js';
import type { Coverage, Vector, VectorStep, VectorSummary } from './vector-types.js';

const S = [0, 3] as const;
const M = [1, 4] as const;
const F = [2, 5] as const;
const NET = 6;

/** A path of the pair: edges from the initial state. */
type PairPath = GraphEdge[];

/**
 * Vectors from shortest paths of the pair's graph: a few paths from the
 * initial pair that together reach every (role, state) (`states`), every
 * pair state (`pairs`) or every pair transition (`transitions`); each path
 * becomes one vector per role, the inputs that server sees along it.
 */
export function pathVectors(model: Model, graph: ReachableGraph, coverage: Exclude<Coverage, 'rules'>): { vectors: Vector[]; summary: VectorSummary } {
  const n = graph.states.length;
  const depth = new Int32Array(n).fill(-1);
  const parent: (GraphEdge | undefined)[] = new Array(n);
  depth[0] = 0;
  const out: GraphEdge[][] = Array.from({ length: n }, () => []);
  for (const e of graph.edges) out[e.from]?.push(e);
  const queue = [0];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as number;
    for (const e of out[u] ?? []) {
      if (depth[e.to] !== -1) continue;
      depth[e.to] = (depth[u] as number) + 1;
      parent[e.to] = e;
      queue.push(e.to);
    }
  }
  const treePath = (v: number): PairPath => {
    const path: PairPath = [];
    for (let e = parent[v]; e; e = parent[e.from]) path.push(e);
    return path.reverse();
  };
  const d = (v: number) => depth[v] as number;
  let paths: PairPath[];
  let targets: number;
  let lowerBound: number;
  let stepsLowerBound: number;
  if (coverage === 'pairs') {
    // A state with no successor one level deeper ends some path of any cover by shortest paths.
    const hasDeeper = new Uint8Array(n);
    for (const e of graph.edges) if (d(e.to) === d(e.from) + 1) hasDeeper[e.from] = 1;
    const covered = new Uint8Array(n);
    paths = [];
    for (const v of [...Array(n).keys()].sort((a, b) => d(b) - d(a) || a - b)) {
      if (covered[v]) continue;
      const path = treePath(v);
      covered[0] = 1;
      for (const e of path) covered[e.to] = 1;
      paths.push(path);
    }
    targets = n;
    lowerBound = hasDeeper.reduce((k, x, i) => k + (x === 0 && i < n ? 1 : 0), 0);
    stepsLowerBound = n - 1;
  } else if (coverage === 'transitions') {
    // Each path is a shortest path plus one edge; an edge that does not go one level deeper can only be such a last edge.
    const covered = new Set<GraphEdge>();
    const order = [...graph.edges].sort((a, b) => d(b.from) - d(a.from) || a.from - b.from || a.to - b.to);
    paths = [];
    for (const e of order) {
      if (covered.has(e)) continue;
      const path = [...treePath(e.from), e];
      for (const x of path) covered.add(x);
      paths.push(path);
    }
    targets = graph.edges.length;
    lowerBound = Math.max(graph.edges.length > 0 ? 1 : 0, graph.edges.filter((e) => d(e.to) !== d(e.from) + 1).length);
    stepsLowerBound = graph.edges.length;
  } else {
    // The first pair state (breadth first) in which each role holds each state it ever holds.
    const first = new Map<string, number>();
    for (let v = 0; v < n; v++) {
      for (const r of [0, 1] as RoleId[]) {
        const key = `${r}:${(graph.states[v] as PairTuple)[S[r]]}`;
        if (!first.has(key)) first.set(key, v);
      }
    }
    const wanted = [...new Set(first.values())].sort((a, b) => d(b) - d(a) || a - b);
    const covered = new Set<string>();
    paths = [];
    for (const v of wanted) {
      const keys = [0, 1].map((r) => `${r}:${(graph.states[v] as PairTuple)[S[r as RoleId]]}`);
      if (keys.every((k) => covered.has(k))) continue;
      const path = treePath(v);
      for (const x of [0, ...path.map((e) => e.to)]) for (const r of [0, 1] as RoleId[]) covered.add(`${r}:${(graph.states[x] as PairTuple)[S[r]]}`);
      paths.push(path);
    }
    targets = first.size;
    lowerBound = 1;
    stepsLowerBound = Math.max(0, ...[...first.values()].map(d));
  }
  const vectors: Vector[] = [];
  const seen = new Set<string>();
  for (const [i, path] of paths.entries()) {
    for (const role of [0, 1] as RoleId[]) {
      const vector = serverVector(model, graph, path, role, `path/${coverage}/${i + 1}/${model.roles[role]}`);
      if (!vector) continue;
      const key = `${vector.role}:${JSON.stringify(vector.steps)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      vectors.push(vector);
    }
  }
  const steps = vectors.reduce((k, v) => k + v.steps.length, 0);
  return {
    vectors,
    summary: { vectors: vectors.length, steps, targets, paths: paths.length, pathSteps: paths.reduce((k, p) => k + p.length, 0), lowerBound, stepsLowerBound },
  };
}

function server(p: PairTuple, r: RoleId): Endpoint {
  return { state: p[S[r]], memory: p[M[r]], flag: p[F[r]] === 1 };
}

/** The partner of `r` in `p` as an input shows it. */
function view(model: Model, p: PairTuple, r: RoleId, event: number): EndpointInput {
  const o = (1 - r) as RoleId;
  const state = p[S[o]];
  const memory = p[M[o]];
  const keeps = model.states[state]?.memory ?? false;
  const stands = keeps ? memory : state;
  return {
    event,
    networkUp: p[NET] === 1,
    partnerState: state,
    partnerMemory: model.states[state]?.showsMemory ? memory : NO_MEMORY,
    watch: model.hasFlag && stands !== NO_MEMORY && (model.flagWatch[stands] ?? false),
  };
}

function running(model: Model, p: PairTuple, r: RoleId): boolean {
  return model.states[p[S[r]]]?.running ?? false;
}

function linkOk(model: Model, p: PairTuple): boolean {
  return p[NET] === 1 && running(model, p, 0) && running(model, p, 1);
}

/** What server `role` is told along `path`: its own moves, and the end of the connection. */
function serverVector(model: Model, graph: ReachableGraph, path: PairPath, role: RoleId, id: string): Vector | undefined {
  const names: Named = { model };
  const linkLost = model.events.find((e) => e.kind === 'link-lost');
  const steps: VectorStep[] = [];
  for (const edge of path) {
    const before = graph.states[edge.from] as PairTuple;
    const after = graph.states[edge.to] as PairTuple;
    const label = edge.label;
    const event = model.events[label.event];
    const mine = label.server === role;
    const halts = event?.action === 'halt';
    if (mine && !halts) {
      const input = view(model, before, role, label.event);
      steps.push({
        input: namedInput(names, role, server(before, role), input),
        expect: namedServer(names, server(after, role)),
        rule: label.rule === undefined ? null : (model.rules[label.rule]?.id ?? null),
        ref: label.rule === undefined ? eventRef(model, label.event) : ruleRef(model, label.rule),
      });
    } else if (mine) {
      const input = view(model, after, role, label.event);
      steps.push({
        input: namedInput(names, role, server(before, role), input),
        expect: namedServer(names, server(after, role)),
        rule: null,
        ref: eventRef(model, label.event),
      });
    } else if (linkLost && linkOk(model, before) && (halts || !linkOk(model, after)) && running(model, before, role)) {
      const input = view(model, after, role, linkLost.id);
      const lostRule = model.rules.find((r) => r.from === before[S[role]] && r.events.includes(linkLost.id));
      steps.push({
        input: namedInput(names, role, server(before, role), input),
        expect: namedServer(names, server(after, role)),
        rule: lostRule?.id ?? null,
        ref: lostRule ? ruleRef(model, lostRule.index) : eventRef(model, linkLost.id),
      });
    }
  }
  if (steps.length === 0) return undefined;
  const start = graph.states[0] as PairTuple;
  return { id, kind: 'path', role: model.roles[role], rule: null, start: namedServer(names, server(start, role)), steps };
}
