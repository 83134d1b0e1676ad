import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/codegen/generate.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { checkSpec } from '../../src/model/check-spec.js';
import { repoPath } from '../helpers/paths.js';

// Golden cases: test/golden/<case>/spec.yaml beside its expected outputs.
// `npm run golden:update` rewrites them; review the diff like product code.
const cases = readdirSync(repoPath('test/golden'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'errors')
  .map((e) => e.name);

describe.each(cases)('golden case %s', (name) => {
  const checked = checkSpec('spec.yaml', readFileSync(repoPath(`test/golden/${name}/spec.yaml`), 'utf8'));

  it('is a valid spec', () => {
    expect(checked.diagnostics).toEqual([]);
  });

  it('generates the expected files', async () => {
    if (!checked.model) throw new Error('invalid golden spec');
    for (const artifact of generate(checked.model, { specLabel: 'spec.yaml', machineSchema: '../../../spec/fsmkit-machine.schema.json' })) {
      await expect(artifact.contents).toMatchFileSnapshot(repoPath(`test/golden/${name}/${artifact.path}`));
    }
  });
});

describe('golden error report', () => {
  it('prints the findings of the invalid fixtures as a user sees them', async () => {
    const dir = 'test/fixtures/specs/invalid';
    const report = readdirSync(repoPath(dir))
      .sort()
      .flatMap((file) => {
        const text = readFileSync(repoPath(`${dir}/${file}`), 'utf8');
        return checkSpec(`${dir}/${file}`, text).diagnostics.map((d) => formatDiagnostic(d, text));
      })
      .join('\n\n');
    await expect(`${report}\n`).toMatchFileSnapshot(repoPath('test/golden/errors/report.txt'));
  });
});
