import { describe, expect, it } from 'vitest';
import { generateDocs } from '../../src/docs/docs-pages.js';
import { type Configuration, resolveConfiguration } from '../../src/explore/configuration.js';
import { exploreConfiguration } from '../../src/explore/run-explorer.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { BUNDLED_SPEC } from '../helpers/paths.js';

describe('docs pages', () => {
  it('list a counterexample of several relationships as text, one column per relationship, and link it from the matrix', async () => {
    const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
    const careless = resolveConfiguration(model, 'careless-operator') as Configuration;
    const report = exploreConfiguration(model, careless, undefined, { relationships: 2, symmetry: true });
    const pages = generateDocs(model, { spec: model.spec.name, configurations: [report], ok: report.ok }, [], { specLabel: 'spec.yaml' });
    const traces = pages.find((p) => p.path === 'traces.md')?.contents ?? '';
    expect(traces).toContain('## careless-operator partner-down-alone');
    expect(traces).toContain('(11 steps)');
    expect(traces).toMatch(/11\. r1 primary: normal-partner-down-command .* r1 PARTNER_DOWN \/ NORMAL\* +r2 INIT \/ INIT +network up/);
    const index = pages.find((p) => p.path === 'index.md')?.contents ?? '';
    expect(index).toContain('(traces.md#careless-operator-partner-down-alone)');
  });
});
