import { describe, expect, it } from 'vitest';
import { allConfigurations } from '../../src/explore/configuration.js';
import { explore } from '../../src/explore/explore.js';
import { DISABLED, type LocalTable } from '../../src/explore/local-table.js';
import { SharedHealing } from '../../src/explore/shared-healing.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { BUNDLED_SPEC } from '../helpers/paths.js';

// An engine check: the bit sets against a plain search over sequences of shared steps.
const { model } = await loadSpec(BUNDLED_SPEC);
const dhcp = model as Model;

/** The definition, searched directly: some sequence of distinct shared healing steps (at most 4), each moving a relationship, after which each heals alone. */
function healsBySearch(table: LocalTable, alone: Uint8Array, healing: number[], tuple: number[], used: number[] = []): boolean {
  if (used.length === 4) return false;
  const count = table.sharedSteps.length;
  for (const h of healing) {
    if (used.includes(h)) continue;
    const after = tuple.map((l) => {
      const to = table.sharedData[l * count + h] as number;
      return to === DISABLED ? l : to;
    });
    if (after.every((l, i) => l === tuple[i])) continue;
    if (after.every((l) => alone[l] === 1) || healsBySearch(table, alone, healing, after, [...used, h])) return true;
  }
  return false;
}

/** Local states that reach a goal by their own healing steps, to a fixed point. */
function healsAlone(table: LocalTable): Uint8Array {
  const alone = Uint8Array.from({ length: table.size }, (_, l) => (table.isGoal[l] ? 1 : 0));
  for (let changed = true; changed; ) {
    changed = false;
    for (let l = 0; l < table.size; l++) {
      if (alone[l]) continue;
      for (let m = table.moveStart[l] as number; m < (table.moveEnd[l] as number); m += 2) {
        const step = table.steps[table.moveData[m] as number];
        if (step?.healing && alone[table.moveData[m + 1] as number]) {
          alone[l] = 1;
          changed = true;
          break;
        }
      }
    }
  }
  return alone;
}

describe('healing through shared steps, decided per local state', () => {
  for (const config of allConfigurations(dhcp).filter((c) => ['crashes', 'maintenance', 'everything'].includes(c.name))) {
    it(`agrees with a search over the sequences on every pair of local states (${config.name})`, () => {
      const { table } = explore(dhcp, config);
      const healing = table.sharedSteps.filter((s) => s.healing).map((s) => s.index);
      const alone = healsAlone(table);
      const shared = SharedHealing.within(table, alone, healing) as SharedHealing;
      expect(shared).toBeDefined();
      let heals = 0;
      let checked = 0;
      const tuple = new Int32Array(2);
      for (let a = 0; a < table.size; a++) {
        for (let b = a; b < table.size; b++) {
          tuple[0] = a;
          tuple[1] = b;
          const expected = healsBySearch(table, alone, healing, [a, b]);
          if (shared.heals(tuple, 2) !== expected) throw new Error(`local states ${a} and ${b}: expected ${expected}`);
          if (expected) heals++;
          checked++;
        }
      }
      // Both answers occur, so the comparison says something.
      expect(heals).toBeGreaterThan(0);
      expect(heals).toBeLessThan(checked);
    });
  }

  it('is left out when many shared healing steps would make its bit sets too large (the walks then decide alone)', () => {
    // Ten healing steps make 5,860 sequences: 184 words per local state and step.
    const many = Array.from({ length: 10 }, (_, h) => h);
    expect(SharedHealing.within({ size: 100_000 } as LocalTable, new Uint8Array(0), many)).toBeUndefined();
  });
});
