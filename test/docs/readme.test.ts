import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMatrix } from '../../src/explore/format-report.js';
import { exploreMatrix } from '../../src/explore/run-explorer.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { BUNDLED_SPEC, repoPath } from '../helpers/paths.js';

// The README shows real output; these tests keep it true.
describe('README', () => {
  const readme = readFileSync(repoPath('README.md'), 'utf8');

  it('shows the matrix the explorer prints today (without the time column)', async () => {
    const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
    const withoutTime = formatMatrix(exploreMatrix(model))
      .split('\n')
      .map((line) => line.replace(/ {2}(time|\d+ ms) +/, '  '))
      .filter((line) => /^(configuration|[a-z-]+( \(K=\d\))? +\d)/.test(line));
    const shown = readme
      .split('\n')
      .filter((line) => withoutTime.some((l) => l.split(' ')[0] === line.split(' ')[0]) && /^(configuration|[a-z-]+( \(K=\d\))? +\d)/.test(line));
    expect(shown.map((l) => l.replace(/\s+/g, ' '))).toEqual(withoutTime.map((l) => l.replace(/\s+/g, ' ')));
  });

  it('quick start is two command lines: the main job and the tests', () => {
    const block = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(block.trim().split('\n')).toEqual(['npm ci && npm start', 'npm test']);
  });
});
