import type { ExploredGraph } from './explore.js';
import { DISABLED } from './local-table.js';
import { PAIR_WIDTH } from './pair-codec.js';
import { type PairView, pairView } from './trace.js';

/** One move of one relationship between two reachable pair states. */
export interface PairTransition {
  /** Index into `ReachablePairs.states`. */
  from: number;
  to: number;
  /** The rule id, or the event name for a built-in action (a crash, the network failing). */
  step: string;
  /** The role of the server that moved; absent for network steps. */
  server?: string;
  /** A protocol step (the machine itself moves), as opposed to the environment. */
  protocol: boolean;
}

/** The pair states one relationship reached in a run, and the moves between them, as plain data. */
export interface ReachablePairs {
  configuration: string;
  /** Every reached pair state (memory, flag and network included), in the order the run found them. */
  states: PairView[];
  /** Every move between two different reached pair states, in state then step order. */
  transitions: PairTransition[];
}

/**
 * Reads the reachable pair states off a finished run: the local table holds
 * every state one relationship took and what each step does to it, so no
 * second exploration is needed (with one relationship these are the pair
 * states of the whole run).
 */
export function reachablePairs(graph: ExploredGraph): ReachablePairs {
  const { model, table } = graph;
  const index = new Map<number, number>();
  const states: PairView[] = [];
  const p = new Int32Array(PAIR_WIDTH);
  for (let l = 0; l < table.size; l++) {
    if (!table.isExpanded(l) || (graph.firstSeen[l] ?? -1) < 0) continue;
    index.set(l, states.length);
    states.push(pairView(model, table.pairOf(l, p)));
  }
  const transitions: PairTransition[] = [];
  const add = (from: number, to: number, stepId: number) => {
    const a = index.get(from);
    const b = index.get(to);
    const step = table.steps[stepId];
    if (a === undefined || b === undefined || a === b || !step) return;
    const move: PairTransition = { from: a, to: b, step: step.rule?.id ?? model.events[step.event]?.name ?? '?', protocol: step.protocol };
    if (step.server !== undefined) move.server = model.roles[step.server];
    transitions.push(move);
  };
  for (const l of index.keys()) {
    for (let m = table.moveStart[l] as number; m < (table.moveEnd[l] as number); m += 2) add(l, table.moveData[m + 1] as number, table.moveData[m] as number);
    table.pairOf(l, p);
    for (const group of table.sharedSteps) {
      const target = table.sharedTarget(l, group.index);
      if (target === DISABLED) continue;
      const applied = group.pairSteps.find((s) => table.enables(s, p));
      if (applied) add(l, target, applied.id);
    }
  }
  return { configuration: graph.config.name, states, transitions };
}
