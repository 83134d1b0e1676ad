import { escapeMermaidLabel, mermaidId } from '../codegen/escape.js';
import { type ExploredGraph, pairStateOf } from '../explore/explore.js';
import { PAIR_WIDTH, S } from '../explore/pair-codec.js';

/** The reachable pairs condensed to (role 0 state, role 1 state): what a person can read. */
export interface CondensedPairs {
  /** "A|B" keys of reachable pairs, with how many full pair states each stands for. */
  pairs: Map<string, number>;
  /** Protocol moves between condensed pairs: "A|B>C|D". */
  edges: Set<string>;
}

/** Condenses an explored graph: memory, flag and network folded away; environment steps and self-loops dropped. */
export function condensePairs(graph: ExploredGraph): CondensedPairs {
  const { model } = graph;
  const name = (p: Int32Array) => `${model.states[p[S[0]] as number]?.name}|${model.states[p[S[1]] as number]?.name}`;
  const pairs = new Map<string, number>();
  const edges = new Set<string>();
  const here = new Int32Array(PAIR_WIDTH);
  const before = new Int32Array(PAIR_WIDTH);
  for (let id = 0; id < graph.keys.length; id++) {
    const key = name(pairStateOf(graph, id, here));
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
    const parent = graph.parent[id] as number;
    const step = graph.steps[graph.parentStep[id] as number];
    if (parent < 0 || !step?.protocol) continue;
    const from = name(pairStateOf(graph, parent, before));
    if (from !== key) edges.add(`${from}>${key}`);
  }
  return { pairs, edges };
}

/**
 * The condensed pairs as a Mermaid flowchart: one node per pair of states,
 * one edge per protocol move found on a shortest path (the breadth-first
 * tree), so the drawing shows how the pair gets everywhere without
 * drowning in edges.
 */
export function renderPairDiagram(graph: ExploredGraph): string {
  const { pairs, edges } = condensePairs(graph);
  const [r0, r1] = graph.model.roles;
  const lines = ['flowchart LR'];
  for (const key of [...pairs.keys()].sort()) {
    const [a, b] = key.split('|') as [string, string];
    lines.push(`  ${mermaidId(`p_${a}_${b}`)}["${escapeMermaidLabel(`${r0} ${a}`)}<br/>${escapeMermaidLabel(`${r1} ${b}`)}"]`);
  }
  for (const edge of [...edges].sort()) {
    const [from, to] = edge.split('>') as [string, string];
    const id = (k: string) => mermaidId(`p_${k.replace('|', '_')}`);
    lines.push(`  ${id(from)} --> ${id(to)}`);
  }
  return `${lines.join('\n')}\n`;
}
