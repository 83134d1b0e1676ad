import type { ExploredGraph, ExploreOptions } from './explore.js';
import { DISABLED, type LocalTable } from './local-table.js';
import { SharedHealing } from './shared-healing.js';

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
 * goal. Computed without storing edges, in three phases.
 *
 * First, without touching the state table: a relationship whose local state
 * heals by its own healing steps can be brought back alone, whatever the
 * others do (relationship steps read one relationship), and the states on
 * the way were reached too (they are successors of a reached state). So a
 * state heals when each of its relationships does alone, or when a few
 * shared healing steps (the network coming back, a host restarted) lead to
 * such a state. On a complete graph this settles most states with lookups
 * in small per-local-state arrays, without touching the state table.
 *
 * Then, from each state not yet settled, a walk follows healing steps (never
 * twice through a state) until a step reaches a state known to heal, which
 * makes the whole walk heal. Last, for the states no walk settled, passes
 * over them repeat until nothing changes (a state heals when a healing step
 * leads to a state that does), which decides the rest exactly.
 * @returns the key of the shallowest state from which healing never reaches
 * the goal (the smallest such key among the shallowest, so the answer does
 * not depend on the table's layout), or -1 when there is none
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
  // Indexed by slot: the table's slots number the states.
  const mark = new Uint8Array(states.capacity);
  const tuple = new Int32Array(k);
  const work = new Int32Array(k);
  const healing = table.steps.map((s) => s.healing);
  const sharedHealing = table.sharedSteps.filter((s) => s.healing).map((s) => s.index);
  // Past a limit the graph is partial: a path through states never reached proves nothing.
  const alone = graph.limit ? goalsOnly(table) : healsAlone(table, healing);
  const viaShared = graph.limit || sharedHealing.length === 0 ? undefined : SharedHealing.within(table, alone, sharedHealing);
  let walk = new Int32Array(1 << 10);
  // What heal() found so far: the successor to walk to next (unsettled first, then tried), as slots.
  let nextUnknown = -1;
  let nextTried = -1;

  // Scans go table by table (one per worker of a parallel run): no lookup per slot.
  const regions = states.regions();
  let scanned = 0;
  for (const { table: part, offset } of regions) {
    for (let s = 0; s < part.capacity; s++) {
      if ((scanned++ & 0xfffff) === 0) report();
      if (!part.used(s)) continue;
      codec.unpack(part.keyAt(s), tuple);
      if (healsByItself(tuple)) {
        mark[offset + s] = HEALS;
        settled++;
      }
    }
  }
  // On a complete graph that settles every state; the walks and passes below are for the rest.
  if (settled === states.size) return -1;
  for (const { table: part, offset } of regions) {
    for (let s = 0; s < part.capacity; s++) {
      const slot = offset + s;
      if ((scanned++ & 0xfffff) === 0) report();
      if (mark[slot] !== UNKNOWN || !part.used(s)) continue;
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
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const { table: part, offset } of regions) {
      for (let s = 0; s < part.capacity; s++) {
        const slot = offset + s;
        if (mark[slot] === HEALS || !part.used(s)) continue;
        if (heal(slot) === REACHES_GOOD) {
          mark[slot] = HEALS;
          settled++;
          changed = true;
        }
      }
    }
  }

  /**
   * Whether the state `tuple` heals without looking at other states: every
   * relationship alone, at once or after a few shared healing steps (each at
   * most once, in any order: the network back, each host restarted).
   */
  function healsByItself(tuple: Int32Array): boolean {
    let all = true;
    for (let i = 0; i < k && all; i++) all = alone[tuple[i] as number] === 1;
    if (all || !viaShared) return all;
    return viaShared.heals(tuple, k);
  }

  /** Looks at one healing successor; true when it is known to heal. */
  function consider(successor: number): boolean {
    const slot = states.slotOf(successor);
    // Absent only past a limit, where the successor was never stored.
    if (slot < 0) return false;
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
        const target = table.sharedTarget(tuple[i] as number, h);
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
  let badDepth = 0;
  let badKey = 0;
  for (const { table: part, offset } of regions) {
    for (let s = 0; s < part.capacity; s++) {
      if (mark[offset + s] === HEALS || !part.used(s)) continue;
      const depth = part.depthAt(s);
      const key = part.keyAt(s);
      if (bad < 0 || depth < badDepth || (depth === badDepth && key < badKey)) {
        bad = offset + s;
        badDepth = depth;
        badKey = key;
      }
    }
  }
  return bad < 0 ? -1 : badKey;
}

/**
 * alone[l] = 1 when local state l reaches its goal by healing relationship
 * steps alone (which move only its own relationship), computed to a fixed
 * point over the local table: a few hundred states, not the system's
 * millions.
 */
function healsAlone(table: LocalTable, healing: readonly boolean[]): Uint8Array {
  const alone = goalsOnly(table);
  for (let changed = true; changed; ) {
    changed = false;
    for (let l = 0; l < table.size; l++) {
      if (alone[l] === 1 || !table.isExpanded(l)) continue;
      for (let m = table.moveStart[l] as number; m < (table.moveEnd[l] as number); m += 2) {
        if (healing[table.moveData[m] as number] && alone[table.moveData[m + 1] as number] === 1) {
          alone[l] = 1;
          changed = true;
          break;
        }
      }
    }
  }
  return alone;
}

/** alone[l] = 1 when local state l is its goal. */
function goalsOnly(table: LocalTable): Uint8Array {
  const alone = new Uint8Array(table.size);
  for (let l = 0; l < table.size; l++) if (table.isGoal[l] === true) alone[l] = 1;
  return alone;
}
