import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The mutation tester imports the public entry: the source here (vitest.config.ts), the built package under `npm run mutants`.
import { judgeMutants, mutantsOf } from '../../scripts/mutants-lib.mjs';
import { BUNDLED_SPEC } from '../helpers/paths.js';

describe('mutation testing of the bundled spec (a seeded sample; `npm run mutants` runs all)', () => {
  it('kills most sampled non-equivalent mutants, and every one that drops a rule', () => {
    const text = readFileSync(BUNDLED_SPEC, 'utf8');
    const all = mutantsOf(text) as { id: string }[];
    // Every fifteenth mutant: a fixed, reproducible sample across all kinds of mutation.
    const sample = all.filter((_, i) => i % 15 === 0);
    const rows = judgeMutants(text, sample) as { id: string; verdict: string; by: string }[];
    const killed = rows.filter((r) => r.verdict === 'killed').length;
    const equivalent = rows.filter((r) => r.verdict === 'equivalent').length;
    expect(sample.length).toBeGreaterThan(40);
    // With the spec's scenarios the full run kills every non-equivalent mutant (84.5% without them); the sample must stay close.
    expect(killed / (rows.length - equivalent)).toBeGreaterThan(0.95);
    expect(rows.some((r) => r.by.startsWith('scenario'))).toBe(true);
    expect(rows.filter((r) => r.id.endsWith('dropped') && r.verdict !== 'killed')).toEqual([]);
  }, 120_000);
});
