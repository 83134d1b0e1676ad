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
 * the moves between its pairs as arrows (moves of the second role), and in
 * each pair the states the first role moves to from there (those moves
 * leave the group, with the second role where it was, and the diagram of
 * that state goes on). Every move appears exactly once. Pure: the same
 * data gives the same bytes.
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
    // A move of the first role leaves the group (the second role's state is
    // unchanged), so it is written in the node it starts from, not drawn.
    const exits = (p: readonly [string, string]) => moves.filter((m) => key(m.from) === key(p) && m.to[0] !== state).map((m) => m.to[0]);
    const lines = ['flowchart LR', `  %% ${`${r0} in ${state}`.replace(/[^\w -]/g, '_')}: the pairs and the protocol moves out of them`];
    lines.push(`  subgraph ${mermaidId(`g_${state}`)}["${escapeMermaidLabel(`${r0} ${state}`)}"]`, '    direction LR');
    for (const p of members) {
      const out = exits(p.states);
      const label = [`${r1} ${p.states[1]}`, plural(p.count, 'pair state'), ...(out.length ? [`${r0} moves to ${out.join(', ')}`] : [])];
      lines.push(`    ${nodeId(p.states)}["${label.map(escapeMermaidLabel).join('<br/>')}"]`);
    }
    for (const m of moves) if (m.to[0] === state) lines.push(`    ${nodeId(m.from)} --> ${nodeId(m.to)}`);
    lines.push('  end');
    groups.push({ state, file: `pairs-${slug(graph.configuration)}-${slug(state)}.mmd`, diagram: `${lines.join('\n')}\n` });
  }
  return groups;
}

function key(states: readonly [string, string]): string {
  return `${states[0]}\u0000${states[1]}`;
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
