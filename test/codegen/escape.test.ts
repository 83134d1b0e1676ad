import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateCHeader } from '../../src/codegen/c-header.js';
import { escapeJsonText, escapeMarkdown, escapeMermaidLabel, escapeTerminal, tsStringLiteral } from '../../src/codegen/escape.js';
import { generateJsonMachine } from '../../src/codegen/json-machine.js';
import { generateTsEnum } from '../../src/codegen/ts-enum.js';
import { generateTsValidator } from '../../src/codegen/ts-validator.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { generateDiagrams } from '../../src/diagram/diagram-set.js';
import { generateDocs } from '../../src/docs/docs-pages.js';
import { exploreMatrix } from '../../src/explore/run-explorer.js';
import { canonicalSpec } from '../../src/model/check-spec.js';
import { compileModel } from '../../src/model/compile-model.js';
import type { Spec } from '../../src/spec/spec-types.js';
import { importTs, typeCheck } from '../helpers/compile-ts.js';
import { TOY_SPEC } from '../helpers/paths.js';

// The checker refuses these characters (UNSAFE_CHARACTER); the generators
// must still make them inert when a spec object reaches them another way.
const RLO = '\u202e';
const HOSTILE = `Access ${RLO}nimda${'\u202c'} ok\u2066 \u001b[31mred\u001b[0m \u009b2J \u200b\ufeff end`;
// Built from a string: biome refuses control characters in a regex literal.
const RAW_CLASS = '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff]';
const RAW = new RegExp(RAW_CLASS);

/** The toy spec with hostile text in every free-text field a generator prints. */
function hostileSpec(): Spec {
  const spec = canonicalSpec(parse(readFileSync(TOY_SPEC, 'utf8')) as Spec);
  spec.title = `Toy ${HOSTILE}`;
  for (const s of spec.states) s.description = `${s.name}: ${HOSTILE}`;
  for (const r of spec.rules) r.description = `${r.id}: ${HOSTILE}`;
  for (const c of spec.numberings) c.description = HOSTILE;
  for (const c of spec.aliases ?? []) c.description = HOSTILE;
  const solo = spec.states[1];
  if (solo?.aliases) solo.aliases.label = `so${RLO}lo`;
  return spec;
}

function hasCompiler(): boolean {
  try {
    execFileSync('cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether the compiler knows -Werror=bidi-chars (gcc 12 and later). */
function knowsBidiWarning(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-bidi-'));
  writeFileSync(join(dir, 'a.c'), 'int a;\n');
  try {
    execFileSync('cc', ['-Werror=bidi-chars=any', '-fsyntax-only', join(dir, 'a.c')], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('invisible characters never reach an output raw', () => {
  const model = compileModel(hostileSpec());
  const spec = model.spec;
  const options = { specLabel: 'spec.yaml' };

  it('C header: comments show them by name, strings escape them, and gcc -Werror=bidi-chars=any accepts it', () => {
    const [header] = generateCHeader(model, options);
    expect(header?.contents).not.toMatch(RAW);
    expect(header?.contents).toContain('<U+202E>nimda<U+202C>');
    if (!hasCompiler()) return;
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-c-'));
    writeFileSync(join(dir, 'node_state.h'), header?.contents ?? '');
    writeFileSync(
      join(dir, 'main.c'),
      '#include <stdio.h>\n#include "node_state.h"\nint main(void) { NODE_STATE s = DOWN; int found = node_state_from_label("so\\342\\200\\256lo", &s); printf("%d %s", found, node_state_to_label(s)); return 0; }\n',
    );
    const flags = ['-std=c99', '-Wall', '-Wextra', '-Werror', ...(knowsBidiWarning() ? ['-Werror=bidi-chars=any'] : [])];
    execFileSync('cc', [...flags, '-o', join(dir, 'main'), join(dir, 'main.c')], { stdio: 'pipe' });
    // The alias keeps its exact bytes in the string literal: escaped, not dropped.
    expect(execFileSync(join(dir, 'main'), { encoding: 'utf8' })).toBe(`1 so${RLO}lo`);
  });

  it('TypeScript enum and validator: doc comments show them by name, string literals escape them, values survive', async () => {
    const files = [...generateTsEnum(model, options), ...generateTsValidator(model, options)];
    for (const f of files) expect(f.contents, f.path).not.toMatch(RAW);
    expect(typeCheck(Object.fromEntries(files.map((f) => [f.path, f.contents])))).toEqual([]);
    const enumFile = files.find((f) => f.path === 'node-state.ts');
    const mod = await importTs<{ LABEL_BY_NODE_STATE: ReadonlyMap<number, string> }>(enumFile?.contents ?? '');
    expect(mod.LABEL_BY_NODE_STATE.get(1)).toBe(`so${RLO}lo`);
  });

  it('JSON: JSON escapes, so the parsed text is exactly the spec text', () => {
    const [json] = generateJsonMachine(model, options);
    expect(json?.contents).not.toMatch(RAW);
    const machine = JSON.parse(json?.contents ?? '') as { title: string; states: { description: string }[] };
    expect(machine.title).toBe(spec.title);
    expect(machine.states[0]?.description).toBe(spec.states[0]?.description);
  });

  it('Markdown pages and Mermaid diagrams: shown by name', () => {
    const matrix = exploreMatrix(model);
    const diagrams = generateDiagrams(model, matrix, undefined);
    const pages = generateDocs(model, matrix, diagrams, options);
    for (const a of [...diagrams, ...pages]) expect(a.contents, a.path).not.toMatch(RAW);
    expect(pages.map((p) => p.contents).join('\n')).toContain('\\<U\\+202E\\>nimda');
  });

  it('each escaper, one by one', () => {
    expect(escapeMarkdown(HOSTILE)).not.toMatch(RAW);
    expect(escapeMermaidLabel(HOSTILE)).not.toMatch(RAW);
    expect(escapeTerminal(HOSTILE)).toBe('Access <U+202E>nimda<U+202C> ok<U+2066> <U+001B>[31mred<U+001B>[0m <U+009B>2J <U+200B><U+FEFF> end');
    expect(JSON.parse(tsStringLiteral(HOSTILE))).toBe(HOSTILE);
    expect(tsStringLiteral(HOSTILE)).not.toMatch(RAW);
    expect(JSON.parse(escapeJsonText(JSON.stringify({ a: HOSTILE })))).toEqual({ a: HOSTILE });
  });

  it('terminal: a diagnostic quoting a hostile spec line prints no escape sequence, and the caret still lines up', () => {
    const source = `title: x\ndescription: "${RLO}\u001b[2J" wrong\n`;
    const text = formatDiagnostic(
      {
        code: 'INVALID_VALUE',
        severity: 'error',
        message: `bad \u001b]0;pwned\u0007`,
        file: 'a.yaml',
        start: { line: 2, col: 22 },
        end: { line: 2, col: 27 },
        hint: RLO,
      },
      source,
    );
    expect(text).not.toMatch(RAW);
    const [, , shown, caret] = text.split('\n');
    expect(shown).toBe('    2 | description: "<U+202E><U+001B>[2J" wrong');
    expect(caret?.indexOf('^')).toBe(shown?.indexOf('wrong'));
    expect(caret).toMatch(/ \^{5}$/);
  });
});
