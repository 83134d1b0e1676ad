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

describe('the pages of the bundled spec', async () => {
  const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
  const configs = (model.spec.configurations ?? []).map((c) => resolveConfiguration(model, c.name) as Configuration);
  const reports = configs.filter((c) => (c.spec?.relationships ?? 1) === 1).map((c) => exploreConfiguration(model, c));
  const pages = generateDocs(model, { spec: model.spec.name, configurations: reports, ok: true }, [], { specLabel: 'spec.yaml' });
  const page = (path: string) => pages.find((p) => p.path === path)?.contents ?? '';
  const section = (text: string, heading: string) => text.split(`## ${heading}\n`)[1]?.split('\n## ')[0]?.split('\n[All states]')[0] ?? '';

  it('list the steps that stop a server among the ways in: PAUSED, SHUTDOWN and STARTUP', () => {
    expect(section(page('states/PAUSED.md'), 'Ways in')).toContain('| pause (environment step) | from any running state |');
    expect(section(page('states/SHUTDOWN.md'), 'Ways in')).toContain('| shut-down (environment step) | from any running state |');
    const startup = section(page('states/STARTUP.md'), 'Ways in');
    expect(startup).toContain('| crash (environment step) | from any running state |');
    expect(startup).toContain('| crash-storage-lost (environment step) |');
    for (const name of model.states.map((s) => s.name)) {
      const reached = model.rules.some((r) => r.to === model.stateByName.get(name)) || model.events.some((e) => e.haltTo === model.stateByName.get(name));
      if (reached) expect(section(page(`states/${name}.md`), 'Ways in'), name).not.toContain('None.');
    }
  });

  it('list them among the ways out of running states only', () => {
    expect(section(page('states/NORMAL.md'), 'Ways out')).toContain('| pause (environment step) | [PAUSED](PAUSED.md) |');
    expect(section(page('states/PAUSED.md'), 'Ways out')).not.toContain('environment step');
  });

  it('explain the comm. column and the trace notation in the spec words', () => {
    expect(page('index.md')).toContain('*comm.* is + when communication with the partner is ongoing in the state and - when it is not');
    const traces = page('traces.md');
    expect(traces).toContain('`STATE[OTHER]` is a server in STATE that remembers OTHER as its previous-state');
    expect(traces).toContain("a trailing `*` means the server's served-since-partner-down is set");
  });
});
