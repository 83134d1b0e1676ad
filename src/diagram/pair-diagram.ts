import { escapeMermaidLabel, mermaidId } from '../codegen/escape.js';
import { type ExploredGraph, pairStateOf } from '../explore/explore.js';
import { PAIR_WIDTH, S } from '../explore/pair-codec.js';
import { PairStepper } from '../explore/successors.js';

/** The reachable pairs condensed to (role 0 state, role 1 state): what a person can read. */
export interface CondensedPairs {
  /** "A|B" keys of reachable pairs, with how many full pair states each stands for. */
  pairs: Map<string, number>;
  /** Protocol moves between condensed pairs: "A|B>C|D". */
  edges: Set<string>;
}

/** Condenses an explored graph: memory, flag and network folded away; every protocol move kept, environment steps and self-loops dropped. */
export function condensePairs(graph: ExploredGraph): CondensedPairs {
  const { model } = graph;
  const name = (p: Int32Array) => `${model.states[p[S[0]] as number]?.name}|${model.states[p[S[1]] as number]?.name}`;
  const pairs = new Map<string, number>();
  const edges = new Set<string>();
  const stepper = new PairStepper(model);
  const protocol = graph.steps.filter((s) => s.protocol);
  const here = new Int32Array(PAIR_WIDTH);
  const next = new Int32Array(PAIR_WIDTH);
  for (let id = 0; id < graph.keys.length; id++) {
    const from = name(pairStateOf(graph, id, here));
    pairs.set(from, (pairs.get(from) ?? 0) + 1);
    for (const step of protocol) {
      if (!stepper.apply(step, here, next)) continue;
      const to = name(next);
      if (to !== from) edges.add(`${from}>${to}`);
    }
  }
  return { pairs, edges };
}

/**
 * The pairs as a Markdown-ready matrix: one row per state of the first role,
 * one column per state of the second, each cell the number of full pair
 * states (memory, flag, network) that stand behind it, or empty.
 */
export function pairMatrix(graph: ExploredGraph): { rows: string[]; columns: string[]; cells: (number | undefined)[][] } {
  const { pairs } = condensePairs(graph);
  const { model } = graph;
  const rows = model.states.filter((s) => s.roles[0] && [...pairs.keys()].some((k) => k.startsWith(`${s.name}|`))).map((s) => s.name);
  const columns = model.states.filter((s) => s.roles[1] && [...pairs.keys()].some((k) => k.endsWith(`|${s.name}`))).map((s) => s.name);
  return { rows, columns, cells: rows.map((r) => columns.map((c) => pairs.get(`${r}|${c}`))) };
}

/**
 * The condensed pairs as a Mermaid flowchart: one node per pair of states,
 * one edge per protocol move between them (the machine's own reactions;
 * faults and operators are left out, so pairs they reach have no arrow in).
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
