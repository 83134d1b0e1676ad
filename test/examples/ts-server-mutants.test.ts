import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/model/check-spec.js';
import { formatFailure, runVectors, type VectorAdapter } from '../../src/testing/index.js';
import { ruleVectorFile } from '../../src/vectors/vector-file.js';
import { BUNDLED_SPEC, repoPath } from '../helpers/paths.js';

const checked = await loadSpec(BUNDLED_SPEC);
if (!checked.model) throw new Error('the bundled spec did not check');
const vectors = ruleVectorFile(checked.model);

const ENDPOINT = readFileSync(repoPath('examples/ts-server/failover-endpoint.ts'), 'utf8');
const ADAPTER = readFileSync(repoPath('examples/ts-server/vector-adapter.ts'), 'utf8');

/** Single-line mutations of the example: [what it breaks, the line as written, the line mutated]. */
const MUTATIONS: [string, string, string][] = [
  [
    'wrong target: the flag read backwards in STARTUP',
    "this.enter(this.servedSincePartnerDown ? 'POTENTIAL_CONFLICT' : 'RECOVER')",
    "this.enter(this.servedSincePartnerDown ? 'RECOVER' : 'POTENTIAL_CONFLICT')",
  ],
  ['missing guard: PARTNER-DOWN reacts to the STARTUP bit', 'if (!connected || p.startup) return;', 'if (!connected) return;'],
  [
    'wrong target: PARTNER-DOWN beside RECOVER-DONE',
    "else if (p.shows === 'RECOVER_DONE') this.enter('NORMAL');",
    "else if (p.shows === 'RECOVER_DONE') this.enter('POTENTIAL_CONFLICT');",
  ],
  [
    'missing guard: RECOVER-DONE to NORMAL on any partner',
    "if (connected && (p.shows === 'NORMAL' || p.shows === 'RECOVER_DONE')) this.enter('NORMAL');",
    "if (connected) this.enter('NORMAL');",
  ],
  [
    'extra transition: NORMAL leaves beside CONFLICT-DONE',
    "['NORMAL', 'COMMUNICATION_INT', 'RECOVER_DONE', 'CONFLICT_DONE'].includes(p.shows)",
    "['NORMAL', 'COMMUNICATION_INT', 'RECOVER_DONE'].includes(p.shows)",
  ],
  ['missing guard: UPDDONE taken from a partner in STARTUP', "if (p.link !== 'ok' || p.startup) return;", "if (p.link !== 'ok') return;"],
  [
    'missing guard: the secondary enters CONFLICT-DONE',
    "if (this.role === 'primary' && p.shows === 'POTENTIAL_CONFLICT')",
    "if (p.shows === 'POTENTIAL_CONFLICT')",
  ],
  [
    'wrong memory: NORMAL recorded unmapped on stopping',
    "if (this.state === 'NORMAL') return 'COMMUNICATION_INT';",
    "if (this.state === 'NORMAL') return 'NORMAL';",
  ],
  [
    'missing transition: POTENTIAL-CONFLICT ignores the lost connection',
    "else if (this.state === 'POTENTIAL_CONFLICT') this.enter('RESOLUTION_INT');",
    '// removed',
  ],
  [
    'extra transition: partner-down command obeyed in every running state',
    "if (this.state === 'NORMAL' || this.state === 'COMMUNICATION_INT' || this.state === 'RESOLUTION_INT') this.enter('PARTNER_DOWN');",
    "if (this.running) this.enter('PARTNER_DOWN');",
  ],
  [
    'missing guard: the STARTUP timer fires while connected',
    "if (this.state === 'STARTUP' && p.link !== 'ok') this.resume();",
    "if (this.state === 'STARTUP') this.resume();",
  ],
  [
    'missing guard: the flag never cleared',
    'this.servedSincePartnerDown = partnerDown && (this.servedSincePartnerDown || SERVING.includes(this.state));',
    'this.servedSincePartnerDown = this.servedSincePartnerDown || (partnerDown && SERVING.includes(this.state));',
  ],
];

const dir = mkdtempSync(join(tmpdir(), 'fsmkit-mutants-'));
const js = (source: string) => ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;

/** The example with one line replaced, compiled to JavaScript, and its adapter. */
async function mutant(index: number, from: string, to: string): Promise<VectorAdapter> {
  expect(ENDPOINT.split(from).length, `the example no longer contains: ${from}`).toBe(2);
  const folder = join(dir, String(index));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'failover-endpoint.js'), js(ENDPOINT.replace(from, to)));
  writeFileSync(join(folder, 'vector-adapter.mjs'), js(ADAPTER));
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }');
  const module = (await import(pathToFileURL(join(folder, 'vector-adapter.mjs')).href)) as { EndpointAdapter: new () => VectorAdapter };
  return new module.EndpointAdapter();
}

describe('the rules vectors catch every mutation of examples/ts-server', () => {
  it('compiles the unmutated example the same way, and it passes', async () => {
    const report = await runVectors(vectors, await mutant(0, 'const STOPPED', 'const STOPPED'));
    expect(report.failures).toEqual([]);
  });

  it.each(MUTATIONS.map((m, i) => [i + 1, ...m] as const))('mutation %i, %s', async (index, _, from, to) => {
    const report = await runVectors(vectors, await mutant(index, from, to));
    expect(report.failures.length).toBeGreaterThan(0);
    const first = report.failures[0];
    if (!first) return;
    const text = formatFailure(first);
    expect(text).toContain(`vector ${first.vector} failed at step ${first.step}`);
    expect(text).toMatch(/expected: .*\n {2}actual: /);
  });
});
