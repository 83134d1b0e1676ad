import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/diagnostics/diagnostic.js';
import { checkSpec, loadSpec } from '../../src/model/check-spec.js';
import { BUNDLED_SPEC, repoPath, TOY_SPEC } from '../helpers/paths.js';

type Case = [name: string, { given: string; want: { code: DiagnosticCode; line: number; col: number; mentions: string } }];

// One small broken spec per diagnostic code, each a single edit of the toy spec.
const cases: Case[] = [
  ['duplicate YAML key', { given: 'yaml-syntax', want: { code: 'YAML_SYNTAX', line: 6, col: 1, mentions: 'unique' } }],
  ['state without service', { given: 'missing-field', want: { code: 'MISSING_FIELD', line: 30, col: 5, mentions: '`service`' } }],
  ['misspelt field', { given: 'unknown-field', want: { code: 'UNKNOWN_FIELD', line: 79, col: 5, mentions: '`lnk`' } }],
  ['roles as a string', { given: 'wrong-type', want: { code: 'WRONG_TYPE', line: 35, col: 12, mentions: 'must be a list' } }],
  ['unknown link condition', { given: 'invalid-value', want: { code: 'INVALID_VALUE', line: 79, col: 11, mentions: '"sometimes"' } }],
  ['rule without description', { given: 'missing-description', want: { code: 'MISSING_DESCRIPTION', line: 82, col: 5, mentions: 'solo-pairs' } }],
  ['state without ref', { given: 'missing-ref', want: { code: 'MISSING_REF', line: 39, col: 5, mentions: 'SOLO' } }],
  ['two rules with one id', { given: 'duplicate-name', want: { code: 'DUPLICATE_NAME', line: 89, col: 9, mentions: 'solo-pairs' } }],
  ['two states with one code', { given: 'duplicate-value', want: { code: 'DUPLICATE_VALUE', line: 48, col: 21, mentions: 'SOLO' } }],
  ['alias missing', { given: 'missing-column', want: { code: 'MISSING_COLUMN', line: 41, col: 14, mentions: 'aliases.label' } }],
  ['undeclared alias column', { given: 'unknown-column', want: { code: 'UNKNOWN_COLUMN', line: 41, col: 36, mentions: '"lable"' } }],
  ['misspelt target state', { given: 'unknown-state', want: { code: 'UNKNOWN_STATE', line: 84, col: 9, mentions: 'PARIED' } }],
  ['misspelt event', { given: 'unknown-event', want: { code: 'UNKNOWN_EVENT', line: 85, col: 9, mentions: 'partner-stat' } }],
  ['misspelt role', { given: 'unknown-role', want: { code: 'UNKNOWN_ROLE', line: 44, col: 19, mentions: 'rigth' } }],
  ['misspelt service', { given: 'unknown-service', want: { code: 'UNKNOWN_SERVICE', line: 42, col: 14, mentions: 'servng' } }],
  ['enum from unknown numbering', { given: 'unknown-numbering', want: { code: 'UNKNOWN_NUMBERING', line: 9, col: 16, mentions: 'cod' } }],
  ['verdict for unknown property', { given: 'unknown-property', want: { code: 'UNKNOWN_PROPERTY', line: 110, col: 16, mentions: 'no-stuk' } }],
  ['role moved into a state it may not hold', { given: 'role-not-allowed', want: { code: 'ROLE_NOT_ALLOWED', line: 84, col: 9, mentions: 'right' } }],
  ['empty partner guard', { given: 'empty-guard', want: { code: 'EMPTY_GUARD', line: 86, col: 14, mentions: 'solo-pairs' } }],
  ['guard on a partner that is never seen', { given: 'unsatisfiable-rule', want: { code: 'UNSATISFIABLE_RULE', line: 82, col: 5, mentions: 'solo-pairs' } }],
  ['two reactions to one partner state', { given: 'conflicting-rules', want: { code: 'CONFLICTING_RULES', line: 89, col: 5, mentions: 'solo-gives-up' } }],
  ['state with no way out', { given: 'no-way-out', want: { code: 'NO_WAY_OUT', line: 47, col: 11, mentions: 'PAIRED' } }],
  ['return to memory from a state that keeps none', { given: 'memory-not-kept', want: { code: 'MEMORY_NOT_KEPT', line: 77, col: 9, mentions: 'DOWN' } }],
  ['announced running state', { given: 'misused-field', want: { code: 'MISUSED_FIELD', line: 45, col: 16, mentions: 'announced' } }],
  ['departure the rules already allow', { given: 'dead-departure', want: { code: 'DEAD_DEPARTURE', line: 123, col: 9, mentions: 'solo-pairs-early' } }],
];

describe('checkSpec', () => {
  it('accepts the bundled failover spec without a finding', async () => {
    const result = await loadSpec(BUNDLED_SPEC);
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.states).toHaveLength(14);
  });

  it('accepts the toy spec: the engine needs nothing of DHCP', async () => {
    const result = await loadSpec(TOY_SPEC);
    expect(result.diagnostics).toEqual([]);
    expect(result.model?.states.map((s) => s.name)).toEqual(['DOWN', 'SOLO', 'PAIRED']);
  });

  it.each(cases)('%s', (_name, { given, want }) => {
    const file = `invalid/${given}.yaml`;
    const result = checkSpec(file, readFileSync(repoPath(`test/fixtures/specs/${file}`), 'utf8'));
    expect(result.spec).toBeUndefined();
    const first = result.diagnostics[0];
    expect({ code: first?.code, line: first?.start.line, col: first?.start.col }).toEqual({ code: want.code, line: want.line, col: want.col });
    expect(first?.message).toContain(want.mentions);
    expect(first?.file).toBe(file);
  });

  it('gives every broken fixture a hint', () => {
    for (const [, { given }] of cases) {
      const result = checkSpec(given, readFileSync(repoPath(`test/fixtures/specs/invalid/${given}.yaml`), 'utf8'));
      for (const d of result.diagnostics) expect(d.hint, `${given}: ${d.message}`).toBeTruthy();
    }
  });

  it('refuses a scope on events that always act on one relationship or on the network, pointing at it', () => {
    const text = readFileSync(TOY_SPEC, 'utf8')
      .replace('    kind: protocol\n    description: The node boots.', '    kind: protocol\n    scope: host\n    description: The node boots.')
      .replace('    action: network-down\n', '    action: network-down\n    scope: relationship\n');
    const found = checkSpec('x.yaml', text).diagnostics.map((d) => [d.code, d.start.line, d.message]);
    expect(found).toEqual([
      ['MISUSED_FIELD', 58, expect.stringContaining('protocol events always act on one relationship')],
      ['MISUSED_FIELD', 69, expect.stringContaining('network events always act on every relationship')],
    ]);
  });

  it('proposes the name probably meant', () => {
    const result = checkSpec('x.yaml', readFileSync(repoPath('test/fixtures/specs/invalid/unknown-state.yaml'), 'utf8'));
    expect(result.diagnostics[0]?.hint).toBe('did you mean "PAIRED"?');
  });

  it('reports every problem of a stage, sorted by position', () => {
    const text = readFileSync(TOY_SPEC, 'utf8').replace('to: PAIRED', 'to: PARIED').replace('service: serving', 'service: servng');
    const codes = checkSpec('x.yaml', text).diagnostics.map((d) => [d.code, d.start.line]);
    expect(codes).toEqual([
      ['UNKNOWN_SERVICE', 42],
      ['UNKNOWN_STATE', 84],
    ]);
  });

  it('names both places of a duplicate', () => {
    const result = checkSpec('x.yaml', readFileSync(repoPath('test/fixtures/specs/invalid/duplicate-value.yaml'), 'utf8'));
    expect(result.diagnostics[0]?.related?.[0]?.start.line).toBe(40);
  });

  it.each([
    ['an empty file', '', 'EMPTY_SPEC'],
    ['a list at the top', '- a\n- b\n', 'WRONG_TYPE'],
    ['a tab-indented map', 'a:\n\tb: 1\n', 'YAML_SYNTAX'],
    ['two documents', 'a: 1\n---\nb: 2\n', 'YAML_SYNTAX'],
    ['an unclosed flow list', 'roles: [a, b\n', 'YAML_SYNTAX'],
    [
      'an alias bomb',
      `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      ).join('\n')}\n`,
      'YAML_SYNTAX',
    ],
  ])('turns %s into a positioned diagnostic', (_name, text, code) => {
    const result = checkSpec('bad.yaml', text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics[0]?.code).toBe(code);
    for (const d of result.diagnostics) expect(d.start.line).toBeGreaterThanOrEqual(1);
  });

  it('reports a missing file, a folder and non-UTF-8 bytes as FILE_UNREADABLE', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-'));
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    for (const file of [join(dir, 'missing.yaml'), dir, join(dir, 'latin1.yaml')]) {
      const result = await loadSpec(file);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['FILE_UNREADABLE']);
    }
  });
});

describe('docs/errors.md', () => {
  it('explains every diagnostic code', async () => {
    const { DIAGNOSTIC_CODES } = await import('../../src/diagnostics/diagnostic.js');
    const doc = readFileSync(repoPath('docs/errors.md'), 'utf8');
    for (const code of DIAGNOSTIC_CODES) expect(doc).toContain(`## ${code}\n`);
  });
});
