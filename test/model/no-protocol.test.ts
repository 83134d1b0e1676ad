import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/model/check-spec.js';
import { BUNDLED_SPEC, repoPath } from '../helpers/paths.js';

/** Every source file: the engine, its stages, the log reader and the CLI (the bundled spec is named in package.json). */
function engineSources(): string[] {
  const root = repoPath('src');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(root);
}

describe('no protocol in the engine', () => {
  it('names no state or rule of the bundled spec, and neither DHCP nor ISC, anywhere in src/', async () => {
    const { spec } = await loadSpec(BUNDLED_SPEC);
    const names = [...(spec?.states.map((s) => s.name) ?? []), ...(spec?.rules.map((r) => r.id) ?? [])];
    expect(names.length).toBeGreaterThan(40);
    const patterns = [...names.map((n) => new RegExp(`(?<![\\w-])${n}(?![\\w-])`)), /dhcp/i, /\bisc\b/i];
    const found = engineSources().flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return patterns.filter((p) => p.test(text)).map((p) => `${relative(repoPath(''), file)}: ${p.source}`);
    });
    expect(found).toEqual([]);
  });
});
