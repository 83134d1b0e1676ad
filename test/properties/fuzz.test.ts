import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/diagnostic.js';
import { resolveConfiguration } from '../../src/explore/configuration.js';
import { exploreConfiguration } from '../../src/explore/run-explorer.js';
import { checkSpec } from '../../src/model/check-spec.js';
import type { Spec } from '../../src/spec/spec-types.js';
import { TOY_SPEC } from '../helpers/paths.js';
import { naiveExplore } from './naive-explorer.js';

const codes = new Set<string>(DIAGNOSTIC_CODES);

/** The checker never throws and every finding is placed and coded. */
function assertWellBehaved(text: string): void {
  const result = checkSpec('fuzz.yaml', text);
  for (const d of result.diagnostics) {
    expect(codes.has(d.code), d.code).toBe(true);
    expect(d.start.line).toBeGreaterThanOrEqual(1);
    expect(d.start.col).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
  if (result.diagnostics.every((d) => d.severity !== 'error')) expect(result.spec).toBeDefined();
}

describe('the checker on random input (seeded)', () => {
  it('survives 8,000 arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), assertWellBehaved), { numRuns: 8000, seed: 7 });
  });

  it('survives 2,000 random edits of a valid spec', () => {
    const lines = readFileSync(TOY_SPEC, 'utf8').split('\n');
    const edit = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('drop' as const), at: fc.nat(lines.length - 1) }),
        fc.record({ kind: fc.constant('dup' as const), at: fc.nat(lines.length - 1) }),
        fc.record({
          kind: fc.constant('char' as const),
          at: fc.nat(lines.length - 1),
          col: fc.nat(40),
          ch: fc.constantFrom(':', '-', ' ', '[', '"', '&a', '*a', 'X', '\t', '#', '{'),
        }),
      ),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(edit, (edits) => {
        const text = [...lines];
        for (const e of edits) {
          const at = Math.min(e.at, text.length - 1);
          if (e.kind === 'drop') text.splice(at, 1);
          else if (e.kind === 'dup') text.splice(at, 0, text[at] ?? '');
          else text[at] = `${(text[at] ?? '').slice(0, e.col)}${e.ch}${(text[at] ?? '').slice(e.col)}`;
        }
        assertWellBehaved(text.join('\n'));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});

/** A random valid spec of the toy's kind: 2 to 4 running states and DOWN, random reactions to the partner. */
const randomSpec = fc
  .record({
    count: fc.integer({ min: 2, max: 4 }),
    table: fc.array(fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 4, maxLength: 4 }), { minLength: 4, maxLength: 4 }),
    lost: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    goal: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ count, table, lost, goal }) => {
    const base = JSON.parse(JSON.stringify(checkSpec('toy.yaml', readFileSync(TOY_SPEC, 'utf8')).spec)) as Spec;
    const names = Array.from({ length: count }, (_, i) => `S${i}`);
    const template = base.states[1] as Spec['states'][number];
    base.states = [
      base.states[0] as Spec['states'][number],
      ...names.map((name, i) => ({ ...template, name, values: { code: i + 1 }, aliases: { label: name.toLowerCase() } })),
    ];
    // table[s][p]: where S<s> goes when its partner shows S<p> (-1: stays).
    const rules: Spec['rules'] = [{ id: 'boot', from: 'DOWN', to: 'S0', on: 'boot', link: 'any', description: 'boot', ref: '1' }];
    names.forEach((from, s) => {
      const byTarget = new Map<string, string[]>();
      names.forEach((partner, p) => {
        const t = table[s]?.[p] ?? -1;
        if (t < 0 || t >= count || t === s) return;
        byTarget.set(names[t] as string, [...(byTarget.get(names[t] as string) ?? []), partner]);
      });
      for (const [to, partners] of byTarget)
        rules.push({ id: `r-${from}-${to}`.toLowerCase(), from, to, on: 'partner-state', partner: partners, description: 'x', ref: '2' });
      const l = (lost[s] ?? 0) % count;
      if (l !== s) rules.push({ id: `lost-${from}`.toLowerCase(), from, to: names[l] as string, on: 'link-lost', description: 'x', ref: '3' });
    });
    base.rules = rules;
    base.states = base.states.map((st) => ({ ...st, final: true }));
    const g = names[goal % count] as string;
    base.pair = { initial: { state: 'DOWN', network: 'up' }, goal: { left: g, right: g } };
    base.configurations = (base.configurations ?? []).map(({ expect: _unused, ...c }) => c);
    base.properties = [
      { name: 'no-stuck', kind: 'no-stuck', description: 'x' },
      { name: 'recoverable', kind: 'recoverable', description: 'x' },
    ];
    return base;
  });

describe('the explorer agrees with a naive reference explorer on random specs (seeded)', () => {
  it('same reachable states, transitions and verdicts', () => {
    let compared = 0;
    fc.assert(
      fc.property(randomSpec, (spec) => {
        const checked = checkSpec('random.yaml', stringify(spec, { aliasDuplicateObjects: false }));
        if (!checked.model) return; // the random table broke a rule of the format: nothing to compare
        compared++;
        for (const name of ['steady', 'flaky']) {
          const config = resolveConfiguration(checked.model, name);
          if (!config) throw new Error(name);
          const ours = exploreConfiguration(checked.model, config);
          const theirs = naiveExplore(checked.spec as Spec, name);
          const status = (p: string) => ours.verdicts.find((v) => v.property === p)?.status;
          expect({
            states: ours.states,
            transitions: ours.transitions,
            stuck: status('no-stuck') === 'violated',
            recoverable: status('recoverable') === 'holds',
          }).toEqual(theirs);
        }
      }),
      { numRuns: 400, seed: 42 },
    );
    expect(compared).toBeGreaterThan(200);
  });
});
