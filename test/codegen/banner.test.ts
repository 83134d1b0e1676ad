import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bannerLines, shellWord } from '../../src/codegen/banner.js';
import { generate } from '../../src/codegen/generate.js';
import { generateDocs } from '../../src/docs/docs-pages.js';
import { exploreMatrix } from '../../src/explore/run-explorer.js';
import { checkSpec } from '../../src/model/check-spec.js';
import { importTs, typeCheck } from '../helpers/compile-ts.js';
import { TOY_SPEC } from '../helpers/paths.js';

// A spec folder may be named anything: here with line breaks, comment
// terminators and shell syntax, as an attacker would name it.
const EVIL = 'x\nexport const PWNED = 1;\n*/ int pwned = 1; /*\r\n--> <script>\u2028; rm -rf ~ $(id)/spec.yaml';

function hasCompiler(): boolean {
  try {
    execFileSync('cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a hostile spec path cannot escape the banner', () => {
  const checked = checkSpec('toy.yaml', readFileSync(TOY_SPEC, 'utf8'));
  if (!checked.spec || !checked.model) throw new Error('toy spec invalid');
  const artifacts = generate(checked.model, { specLabel: EVIL });
  const byPath = (p: string) => artifacts.find((a) => a.path === p)?.contents ?? '';

  it('keeps the banner to two lines, naming line breaks instead of breaking lines', () => {
    const lines = bannerLines({ specLabel: EVIL });
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(lines[0]).toContain('x<U+000A>export const PWNED = 1;<U+000A>');
  });

  it('TypeScript: the files type-check and export nothing but what the spec defines', async () => {
    expect(typeCheck({ 'node-state.ts': byPath('node-state.ts'), 'node-validator.ts': byPath('node-validator.ts') })).toEqual([]);
    const mod = await importTs<Record<string, unknown>>(byPath('node-state.ts'));
    expect(Object.keys(mod)).not.toContain('PWNED');
    for (const path of ['node-state.ts', 'node-validator.ts']) {
      const head = byPath(path).split('\n').slice(0, 2);
      for (const line of head) expect(line.startsWith('// ')).toBe(true);
    }
  });

  it.skipIf(!hasCompiler())('C: the header compiles and declares nothing from the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-banner-'));
    writeFileSync(join(dir, 'node_state.h'), byPath('node_state.h'));
    writeFileSync(join(dir, 'main.c'), '#include "node_state.h"\nint main(void) { return (int)DOWN; }\n');
    execFileSync('cc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-fsyntax-only', join(dir, 'main.c')], { cwd: dir, stdio: 'pipe' });
    const code = execFileSync('cc', ['-E', '-P', join(dir, 'node_state.h')], { encoding: 'utf8' });
    expect(code).not.toContain('pwned');
    expect(code).not.toContain('PWNED');
  });

  it('JSON: the label is a string value, nothing more', () => {
    const machine = JSON.parse(byPath('toy-pair.json')) as { generated: string; name: string };
    expect(machine.generated).toContain('PWNED');
    expect(machine.name).toBe('toy-pair');
  });

  it('Markdown: the banner stays one HTML comment', () => {
    const model = checked.model;
    if (!model) throw new Error('no model');
    const [page] = generateDocs(model, exploreMatrix(model), [], { specLabel: EVIL });
    const first = page?.contents.split('\n')[0] ?? '';
    expect(first.startsWith('<!-- ')).toBe(true);
    expect(first.indexOf('-->')).toBe(first.length - 3);
  });

  it('quotes the regenerate command for a shell when the path needs it', () => {
    expect(shellWord('spec/dhcpv4-failover.yaml')).toBe('spec/dhcpv4-failover.yaml');
    expect(shellWord("a b'; rm -rf ~")).toBe(`'a b'\\''; rm -rf ~'`);
    expect(execFileSync('sh', ['-c', `printf %s ${shellWord("a b'; $(id) ")}`], { encoding: 'utf8' })).toBe("a b'; $(id) ");
  });
});
