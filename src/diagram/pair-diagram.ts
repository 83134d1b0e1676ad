import { escapeMermaidLabel, mermaidId } from '../codegen/escape.js';
import type { ReachablePairs } from '../explore/reachable-pairs.js';
import type { Model } from '../model/model.js';

/** The reachable pairs condensed to (role 0 state, role 1 state): what a person can read. */
export interface CondensedPairs {
  /** "A|B" keys of reachable pairs, with how many full pair states each stands for. */
  pairs: Map<string, number>;
  /** Protocol moves between condensed pairs: "A|B>C|D". */
  edges: Set<string>;
}

/** Condenses the reachable pairs: memory, flag and network folded away; every protocol move kept, environment steps and self-loops dropped. */
export function condensePairs(model: Model, reachable: ReachablePairs): CondensedPairs {
  const [r0, r1] = model.roles;
  const names = reachable.states.map((p) => `${p.servers[r0]?.state}|${p.servers[r1]?.state}`);
  const pairs = new Map<string, number>();
  for (const name of names) pairs.set(name, (pairs.get(name) ?? 0) + 1);
  const edges = new Set<string>();
  for (const t of reachable.transitions) {
    const from = names[t.from] as string;
    const to = names[t.to] as string;
    if (t.protocol && to !== from) edges.add(`${from}>${to}`);
  }
  return { pairs, edges };
}

/**
 * The pairs as a Markdown-ready matrix: one row per state of the first role,
 * one column per state of the second, each cell the number of full pair
 * states (memory, flag, network) that stand behind it, or empty.
 */
export function pairMatrix(model: Model, reachable: ReachablePairs): { rows: string[]; columns: string[]; cells: (number | undefined)[][] } {
  const { pairs } = condensePairs(model, reachable);
  const rows = model.states.filter((s) => s.roles[0] && [...pairs.keys()].some((k) => k.startsWith(`${s.name}|`))).map((s) => s.name);
  const columns = model.states.filter((s) => s.roles[1] && [...pairs.keys()].some((k) => k.endsWith(`|${s.name}`))).map((s) => s.name);
  return { rows, columns, cells: rows.map((r) => columns.map((c) => pairs.get(`${r}|${c}`))) };
}

/**
 * The condensed pairs as a Mermaid flowchart: one node per pair of states,
 * one edge per protocol move between them (the machine's own reactions;
 * faults and operators are left out, so pairs they reach have no arrow in).
 */
export function renderPairDiagram(model: Model, reachable: ReachablePairs): string {
  const { pairs, edges } = condensePairs(model, reachable);
  const [r0, r1] = model.roles;
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
