import { escapeMermaidLabel, mermaidId } from '../codegen/escape.js';

/**
 * The reachable pairs of one configuration as plain data: which pair of
 * states (one per role) is reached, and the protocol moves between them.
 * Everything that draws or tabulates pairs takes this, whatever explored
 * the pairs.
 */
export interface PairGraph {
  /** The configuration explored. */
  configuration: string;
  roles: readonly [string, string];
  /** Every state name in spec order: rows and columns follow it. */
  states: readonly string[];
  /** Each reached pair of states, with how many full pair states (memory, flag, network) stand behind it. */
  pairs: readonly PairNode[];
  /** Protocol moves between two different pairs (faults and operators left out). */
  moves: readonly PairMove[];
}

export interface PairNode {
  /** The state of roles[0], then of roles[1]. */
  states: readonly [string, string];
  count: number;
}

export interface PairMove {
  from: readonly [string, string];
  to: readonly [string, string];
}

/**
 * The pairs as a Markdown-ready matrix: one row per state of the first role,
 * one column per state of the second, each cell the number of full pair
 * states that stand behind it, or empty.
 */
export function pairMatrix(graph: PairGraph): { rows: string[]; columns: string[]; cells: (number | undefined)[][] } {
  const count = new Map(graph.pairs.map((p) => [key(p.states), p.count]));
  const rows = graph.states.filter((s) => graph.pairs.some((p) => p.states[0] === s));
  const columns = graph.states.filter((s) => graph.pairs.some((p) => p.states[1] === s));
  return { rows, columns, cells: rows.map((r) => columns.map((c) => count.get(key([r, c])))) };
}

/** One group of pairs: those where the first role is in one state. */
export interface PairGroup {
  /** The state of roles[0] shared by the group. */
  state: string;
  /** File name (without folder) of its diagram. */
  file: string;
  diagram: string;
}

/**
 * The pairs as small diagrams a person can read: one per state of the first
 * role, holding the pairs in which that role is in that state. Each draws
 * the moves that leave its pairs: a move of the second role stays in the
 * group; a move of the first role leaves it for the group of the state it
 * moves to, drawn as one dashed node per such state (the second role's
 * state does not change). Every move appears exactly once, in the diagram
 * of the pair it starts from. Pure: the same data gives the same
 * bytes.
 */
export function renderPairGroups(graph: PairGraph): PairGroup[] {
  const [r0, r1] = graph.roles;
  const order = new Map(graph.states.map((s, i) => [s, i]));
  const byPair = (a: readonly [string, string], b: readonly [string, string]) =>
    (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0) || (order.get(a[1]) ?? 0) - (order.get(b[1]) ?? 0);
  const groups: PairGroup[] = [];
  for (const state of graph.states) {
    const members = graph.pairs.filter((p) => p.states[0] === state).sort((a, b) => byPair(a.states, b.states));
    if (members.length === 0) continue;
    const moves = graph.moves.filter((m) => m.from[0] === state).sort((a, b) => byPair(a.from, b.from) || byPair(a.to, b.to));
    // A move of the first role keeps the second role's state, so the pairs it
    // leads to are drawn as one node per state the first role moves to.
    const leaving = [...new Set(moves.filter((m) => m.to[0] !== state).map((m) => m.to[0]))].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const lines = ['flowchart LR', `  %% ${`${r0} in ${state}`.replace(/[^\w -]/g, '_')}: the pairs and the protocol moves out of them`];
    lines.push(`  subgraph ${mermaidId(`g_${state}`)}["${escapeMermaidLabel(`${r0} ${state}`)}"]`, '    direction TB');
    for (const p of members)
      lines.push(`    ${nodeId(p.states)}["${escapeMermaidLabel(`${r1} ${p.states[1]}`)}<br/>${escapeMermaidLabel(plural(p.count, 'pair state'))}"]`);
    lines.push('  end');
    for (const to of leaving) lines.push(`  ${exitId(to)}["${escapeMermaidLabel(`${r0} ${to}`)}<br/>${escapeMermaidLabel(`${r1} unchanged`)}"]:::elsewhere`);
    for (const m of moves) {
      const mover = m.from[0] !== m.to[0] ? r0 : r1;
      lines.push(`  ${nodeId(m.from)} -->|${escapeMermaidLabel(mover)}| ${mover === r0 ? exitId(m.to[0]) : nodeId(m.to)}`);
    }
    if (leaving.length) lines.push('  classDef elsewhere stroke-dasharray:5 5');
    groups.push({ state, file: `pairs-${slug(graph.configuration)}-${slug(state)}.mmd`, diagram: `${lines.join('\n')}\n` });
  }
  return groups;
}

function key(states: readonly [string, string]): string {
  return `${states[0]}\u0000${states[1]}`;
}

function exitId(state: string): string {
  return mermaidId(`to_${state}`);
}

function nodeId(states: readonly [string, string]): string {
  return mermaidId(`p_${states[0]}_${states[1]}`);
}

function slug(name: string): string {
  return mermaidId(name).replace(/_/g, '-');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
