import type { ExploredGraph, ExploreOptions } from './explore.js';
import { DISABLED } from './local-table.js';

/** heal() found a healing step to a state known to heal. */
const REACHES_GOOD = -2;

/** Marks of the recoverability check, one byte per slot of the state table. */
const UNKNOWN = 0;
const HEALS = 1;
const ON_WALK = 2;
/** A walk through the state ended without reaching a state known to heal. */
const TRIED = 3;

/**
 * From every state, healing steps alone lead every relationship back to its
 * goal. Computed without storing edges, in two phases. First, from each
 * state not yet settled, a walk follows healing steps (never twice through a
 * state) until a step reaches a state known to heal, which makes the whole
 * walk heal: the protocol converges, so nearly every state is settled by one
 * walk and no state is walked through often. Then, for the states no walk
 * settled, passes over them repeat until nothing changes (a state heals
 * when a healing step leads to a state that does), which decides the rest
 * exactly.
 * @returns the key of the shallowest state from which healing never reaches the goal, or -1 when there is none
 */
export function findUnrecoverable(graph: ExploredGraph, property: string, onProgress?: ExploreOptions['onProgress']): number {
  const { states, codec, table } = graph;
  const started = performance.now();
  let settled = 0;
  const report = () =>
    onProgress?.({
      states: states.size,
      queued: 0,
      depth: graph.levels.length - 1,
      elapsedMs: performance.now() - started,
      checking: { property, settled },
    });
  const k = graph.shape.relationships;
  const slots = states.capacity;
  // Indexed by slot: the table's slots number the states.
  const mark = new Uint8Array(slots);
  const tuple = new Int32Array(k);
  const work = new Int32Array(k);
  const healing = table.steps.map((s) => s.healing);
  const sharedHealing = table.sharedSteps.filter((s) => s.healing).map((s) => s.index);
  let walk = new Int32Array(1 << 10);
  // What heal() found so far: the successor to walk to next (unsettled first, then tried), as slots.
  let nextUnknown = -1;
  let nextTried = -1;
  for (let slot = 0; slot < slots; slot++) {
    if (!states.used(slot)) continue;
    codec.unpack(states.keyAt(slot), tuple);
    let all = true;
    for (let i = 0; i < k && all; i++) all = table.isGoal[tuple[i] as number] === true;
    if (all) {
      mark[slot] = HEALS;
      settled++;
    }
  }
  for (let slot = 0; slot < slots; slot++) {
    if ((slot & 0xfffff) === 0) report();
    if (mark[slot] !== UNKNOWN || !states.used(slot)) continue;
    let length = 0;
    let healed = false;
    for (let at = slot; at >= 0; ) {
      if (length === walk.length) {
        const longer = new Int32Array(walk.length * 2);
        longer.set(walk);
        walk = longer;
      }
      walk[length++] = at;
      mark[at] = ON_WALK;
      at = heal(at);
      if (at === REACHES_GOOD) {
        healed = true;
        break;
      }
    }
    for (let w = 0; w < length; w++) mark[walk[w] as number] = healed ? HEALS : TRIED;
    if (healed) settled += length;
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let slot = 0; slot < slots; slot++) {
      if (mark[slot] === HEALS || !states.used(slot)) continue;
      if (heal(slot) === REACHES_GOOD) {
        mark[slot] = HEALS;
        settled++;
        changed = true;
      }
    }
  }

  /** Looks at one healing successor; true when it is known to heal. */
  function consider(successor: number): boolean {
    const slot = states.slotOf(successor);
    const m = mark[slot];
    if (m === HEALS) return true;
    if (m === UNKNOWN && nextUnknown < 0) nextUnknown = slot;
    if (m === TRIED && nextTried < 0) nextTried = slot;
    return false;
  }
  /** REACHES_GOOD when a healing step from the state in `slot` leads to a state known to heal; else the slot to walk to, or -1. */
  function heal(slot: number): number {
    const key = states.keyAt(slot);
    codec.unpack(key, tuple);
    nextUnknown = -1;
    nextTried = -1;
    for (let i = 0; i < k; i++) {
      const l = tuple[i] as number;
      // Unexpanded only past a state limit.
      if (!table.isExpanded(l)) continue;
      for (let m = table.moveStart[l] as number; m < (table.moveEnd[l] as number); m += 2) {
        if (!healing[table.moveData[m] as number]) continue;
        for (let c = 0; c < k; c++) work[c] = tuple[c] as number;
        work[i] = table.moveData[m + 1] as number;
        if (consider(codec.pack(work))) return REACHES_GOOD;
      }
    }
    for (const h of sharedHealing) {
      let enabled = false;
      for (let i = 0; i < k; i++) {
        const target = table.isExpanded(tuple[i] as number) ? table.sharedTarget(tuple[i] as number, h) : DISABLED;
        work[i] = target === DISABLED ? (tuple[i] as number) : target;
        if (target !== DISABLED) enabled = true;
      }
      if (!enabled) continue;
      const successor = codec.pack(work);
      if (successor !== key && consider(successor)) return REACHES_GOOD;
    }
    return nextUnknown >= 0 ? nextUnknown : nextTried;
  }
  let bad = -1;
  for (let slot = 0; slot < slots; slot++) {
    if (mark[slot] === HEALS || !states.used(slot)) continue;
    if (bad < 0 || states.depthAt(slot) < states.depthAt(bad)) bad = slot;
  }
  return bad < 0 ? -1 : states.keyAt(bad);
}
