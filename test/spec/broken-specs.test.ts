import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/diagnostics/diagnostic.js';
import { checkSpec, loadSpec } from '../../src/model/check-spec.js';
import { repoPath, TOY_SPEC } from '../helpers/paths.js';

const toy = readFileSync(TOY_SPEC, 'utf8');
const fixture = (name: string) => readFileSync(repoPath(`test/fixtures/specs/invalid/${name}.yaml`), 'utf8');
const first = (text: string) => {
  const d = checkSpec('x.yaml', text).diagnostics[0];
  return { code: d?.code, line: d?.start.line, col: d?.start.col, message: d?.message ?? '', hint: d?.hint ?? '', severity: d?.severity };
};

type Case = [name: string, { given: string; want: { code: DiagnosticCode; line: number; col: number; mentions: string } }];

// One fixture per code this point added; each a small edit of the toy spec (or of nothing).
const fixtures: Case[] = [
  ['a file with only comments', { given: 'empty-spec', want: { code: 'EMPTY_SPEC', line: 1, col: 1, mentions: 'only comments' } }],
  ['a right-to-left override in a description', { given: 'unsafe-character', want: { code: 'UNSAFE_CHARACTER', line: 45, col: 32, mentions: 'U+202E' } }],
  ['one rule under two ids', { given: 'duplicate-rule', want: { code: 'DUPLICATE_RULE', line: 89, col: 5, mentions: 'solo-joins repeats rule solo-pairs' } }],
  ['an event nothing uses', { given: 'unused-event', want: { code: 'UNUSED_EVENT', line: 59, col: 11, mentions: 'wave' } }],
];

describe('the spec author gets a plain, placed message', () => {
  it.each(fixtures)('%s', (_name, { given, want }) => {
    const found = first(fixture(given));
    expect({ code: found.code, line: found.line, col: found.col }).toEqual({ code: want.code, line: want.line, col: want.col });
    expect(found.message).toContain(want.mentions);
    expect(found.hint).not.toBe('');
  });

  it('an unused event is a warning: the spec is still valid', () => {
    const result = checkSpec('x.yaml', fixture('unused-event'));
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['UNUSED_EVENT', 'warning']]);
    expect(result.model).toBeDefined();
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['blank lines', '\n\n  \n', 'the file is empty'],
    ['comments only', '# todo\n\n# later\n', 'only comments'],
  ])('%s says so and shows how to start', (_name, text, words) => {
    const found = first(text);
    expect(found.code).toBe('EMPTY_SPEC');
    expect(found.message).toContain(words);
    expect(found.hint).toContain('fsmkit init');
  });

  it('1000-deep nesting gives a plain message, not a stack overflow', () => {
    for (const text of [`a: ${'['.repeat(1000)}${']'.repeat(1000)}`, `a:\n${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i + 1)}b:`).join('\n')}\n`]) {
      const found = first(text);
      expect(found.code).toBe('YAML_SYNTAX');
      expect(found.message).toContain('nests too deeply');
      expect(found.message).not.toMatch(/stack/i);
    }
  });

  it('nesting deeper than the limit is placed where it goes too deep', () => {
    const found = first(`a: ${'['.repeat(100)}${']'.repeat(100)}\n`);
    expect(found).toMatchObject({ code: 'YAML_SYNTAX', line: 1, col: 67 });
    expect(found.message).toContain('more than 64 levels');
  });

  it('a second YAML document names no library API', () => {
    const found = first(`${toy}---\nname: again\n`);
    expect(found).toMatchObject({ code: 'YAML_SYNTAX', line: toy.split('\n').length });
    expect(found.message).toBe('a second YAML document starts here; a spec file holds one document');
    expect(`${found.message} ${found.hint}`).not.toMatch(/parseAllDocuments|YAML\.\w+\(/);
  });

  it('an alias loop is placed at the alias', () => {
    const text = toy.replace('roles: [left, right]\n    running: false', 'roles: &r [left, *r]\n    running: false');
    const found = first(text);
    expect(found).toMatchObject({ code: 'YAML_SYNTAX', line: 35, col: 22 });
    expect(found.message).toContain('alias *r lies inside the node &r');
  });

  it('a non-UTF-8 byte is placed at its line and column', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fsmkit-')), 'latin1.yaml');
    const lines = toy.split('\n');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(`${lines.slice(0, 4).join('\n')}\ntitle: Caf`), Buffer.from([0xe9]), Buffer.from(`\n${lines.slice(5).join('\n')}`)]),
    );
    const result = await loadSpec(file);
    expect(result.diagnostics.map((d) => [d.code, d.start.line, d.start.col])).toEqual([['FILE_UNREADABLE', 5, 11]]);
    expect(result.diagnostics[0]?.message).toContain('byte 0xE9 at line 5, column 11');
  });

  it('a negative value gets a hint', () => {
    const found = first(toy.replace('values: { code: 2 }', 'values: { code: -2 }'));
    expect(found).toMatchObject({ code: 'INVALID_VALUE', line: 48, col: 21 });
    expect(found.message).toContain('is -2, below the smallest value allowed here (0)');
    expect(found.hint).toContain('without the minus sign');
  });

  it('a bidi control produced by a YAML escape is refused at the string', () => {
    const found = first(toy.replace('description: Both nodes run and talk.', 'description: "Both nodes \\u202E run"'));
    expect(found).toMatchObject({ code: 'UNSAFE_CHARACTER', line: 53, col: 18 });
    expect(found.message).toContain('written as an escape');
  });

  it('a terminal escape in a comment is refused too: the excerpt would print it', () => {
    const found = first(toy.replace('# that the engine', '# that \u001b[2J the engine'));
    expect(found).toMatchObject({ code: 'UNSAFE_CHARACTER', line: 2, col: 8 });
  });

  it('a byte order mark at the start is fine', () => {
    expect(checkSpec('x.yaml', `\ufeff${toy}`).diagnostics).toEqual([]);
  });
});

describe('values fit their targets', () => {
  it.each([
    ['a C int overflow', '2147483648', '2147483648'],
    ['beyond 2^53', '9007199254740993', '9007199254740993'],
    ['far beyond, shown as written', '99999999999999999999999', '99999999999999999999999'],
  ])('%s is INVALID_VALUE at the value', (_name, value, shown) => {
    const found = first(toy.replace('values: { code: 1 }', `values: { code: ${value} }`));
    expect(found).toMatchObject({ code: 'INVALID_VALUE', line: 40, col: 21 });
    expect(found.message).toContain(`is ${shown}, above the largest value allowed here (2147483647)`);
  });

  it('the largest C int is accepted', () => {
    expect(checkSpec('x.yaml', toy.replace('values: { code: 1 }', 'values: { code: 2147483647 }')).diagnostics).toEqual([]);
  });
});
