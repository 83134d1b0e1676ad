import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { checkSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { formatVectorsJson, ruleVectorArtifact, ruleVectorFile } from '../../src/vectors/vector-file.js';
import type { VectorFile } from '../../src/vectors/vector-types.js';
import { formatVectorsC } from '../../src/vectors/vectors-c.js';
import { BUNDLED_SPEC, repoPath, TOY_SPEC } from '../helpers/paths.js';
import { captureIo } from '../helpers/project.js';

function load(file: string): Model {
  const checked = checkSpec(file, readFileSync(file, 'utf8'));
  if (!checked.model) throw new Error(`${file} did not check`);
  return checked.model;
}

const bundled = load(BUNDLED_SPEC);
const toy = load(TOY_SPEC);

describe.each([
  ['the bundled spec', bundled],
  ['the toy spec', toy],
])('rules vectors of %s', (_, model) => {
  const file = ruleVectorFile(model);

  it('fire every rule once for each role that may take it, ending where the rule says', () => {
    const ruleVectors = file.vectors.filter((v) => v.kind === 'rule');
    for (const [r, rule] of model.spec.rules.entries()) {
      const roles = model.roles.filter((role, i) => (rule.role === undefined || rule.role === role) && model.states[model.rules[r]?.from ?? -1]?.roles[i]);
      for (const role of roles) {
        const vector = ruleVectors.find((v) => v.rule === rule.id && v.role === role);
        expect(vector, `${role}:${rule.id}`).toBeDefined();
        const step = vector?.steps[0];
        expect(vector?.start.state).toBe(rule.from);
        expect(step?.rule).toBe(rule.id);
        expect(step?.ref).toBe(rule.ref);
        const to = rule.to === '@memory' ? vector?.start.previous : rule.to;
        expect(step?.expect.state, `${role}:${rule.id}`).toBe(to);
      }
    }
    expect(file.summary.rulesCovered).toBe(file.summary.rulesTotal);
    expect(file.summary.uncovered).toEqual([]);
  });

  it('have negative inputs for every state a rule leaves, each expecting the state and previous-state unchanged', () => {
    const negatives = file.vectors.filter((v) => v.kind === 'negative');
    expect(negatives.length).toBeGreaterThan(0);
    for (const v of negatives) {
      for (const s of v.steps) expect({ state: s.expect.state, previous: s.expect.previous }).toEqual({ state: v.start.state, previous: v.start.previous });
    }
    const leaves = new Set(model.spec.rules.map((r) => r.from));
    const probed = new Set(negatives.map((v) => v.start.state));
    expect([...leaves].filter((s) => !probed.has(s))).toEqual([]);
    expect(file.summary.negativeSteps).toBe(negatives.reduce((n, v) => n + v.steps.length, 0));
  });

  it('match the versioned JSON schema, and are the same bytes on every run', () => {
    const schema = JSON.parse(readFileSync(repoPath('spec/fsmkit-vectors.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const json = formatVectorsJson(file);
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
    expect(formatVectorsJson(ruleVectorFile(model))).toBe(json);
    const ids = file.vectors.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the rules vectors of the bundled spec', () => {
  const file = ruleVectorFile(bundled);
  const ruleStep = (id: string, role = 'primary') => file.vectors.find((v) => v.kind === 'rule' && v.rule === id && v.role === role)?.steps[0];

  it('leave STARTUP by the flag when the partner shows PARTNER-DOWN (9.3.2 step 5)', () => {
    expect(ruleStep('startup-partner-took-over')?.input).toMatchObject({ partner: 'PARTNER_DOWN', link: 'ok' });
    expect(ruleStep('startup-both-served')?.expect.state).toBe('POTENTIAL_CONFLICT');
    const start = file.vectors.find((v) => v.rule === 'startup-both-served')?.start;
    expect(start?.flag).toBe(true);
  });

  it('keep a server in PARTNER-DOWN when its partner shows a state with the STARTUP bit (9.4.3)', () => {
    const negatives = file.vectors.filter((v) => v.kind === 'negative' && v.start.state === 'PARTNER_DOWN');
    const startupInputs = negatives.flatMap((v) => v.steps).filter((s) => s.input.partnerStartup && s.input.event === 'partner-state' && s.input.link === 'ok');
    expect(startupInputs.map((s) => s.input.partner)).toEqual(expect.arrayContaining(['COMMUNICATION_INT', 'PARTNER_DOWN']));
    for (const s of startupInputs) expect(s.expect.state).toBe('PARTNER_DOWN');
  });

  it('refuse UPDDONE from a partner in STARTUP (negative next to recover-updates-received)', () => {
    const steps = file.vectors.filter((v) => v.kind === 'negative' && v.start.state === 'RECOVER').flatMap((v) => v.steps);
    expect(steps.some((s) => s.input.event === 'update-done' && s.input.partnerStartup && s.input.link === 'ok')).toBe(true);
  });

  it('render as a C header with one row per step and the vector count', () => {
    const c = formatVectorsC(file, { stateHeader: '"fsm_state.h"', banner: ['test'] });
    expect(c).toContain('#include "fsm_state.h"');
    expect(c).toContain(`#define DHCPV4_FAILOVER_VECTOR_COUNT ${file.vectors.length}`);
    const rows = c.split('\n').filter((l) => l.startsWith('  { DHCPV4_FAILOVER_EV_'));
    expect(rows).toHaveLength(file.summary.steps);
    expect(formatVectorsC(ruleVectorFile(bundled), { stateHeader: '"fsm_state.h"', banner: ['test'] })).toBe(c);
  });
});

describe('fsmkit vectors', () => {
  it('writes JSON on stdout and the coverage summary on stderr', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['vectors'], io)).toBe(0);
    const file = JSON.parse(io.out()) as VectorFile;
    expect(file.fsmkitVectors).toBe(1);
    expect(io.err()).toContain(`${file.summary.vectors} vectors, ${file.summary.steps} steps (coverage rules)`);
    expect(io.err()).toMatch(/rules: 67 of 67 role-rule pairs fired/);
    expect(io.err()).toMatch(/negative: \d+ inputs that must change nothing/);
    // The copy committed beside the other generated files (and shipped as fsmkit/dhcpv4-failover/vectors.json) is this output.
    expect(readFileSync(repoPath('generated/dhcpv4-failover.vectors.json'), 'utf8')).toBe(io.out());
  });

  it('are a generated file of the project, kept in step by fsmkit check like the others', async () => {
    expect(ruleVectorArtifact(bundled)).toEqual({ path: 'dhcpv4-failover.vectors.json', contents: formatVectorsJson(ruleVectorFile(bundled)) });
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-vectors-'));
    cpSync(TOY_SPEC, join(dir, 'toy.yaml'));
    const run = async (...argv: string[]) => {
      const io = captureIo(dir);
      return { code: await runCli(argv, io), out: io.out() + io.err() };
    };
    expect((await run('generate', 'toy.yaml', '--out', 'out')).code).toBe(0);
    const written = join(dir, 'out', 'toy-pair.vectors.json');
    expect(readFileSync(written, 'utf8')).toBe(formatVectorsJson(ruleVectorFile(toy)));
    writeFileSync(written, readFileSync(written, 'utf8').replace('"SOLO"', '"PAIRED"'));
    const stale = await run('check', 'toy.yaml', '--out', 'out');
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('STALE_OUTPUT');
    expect(stale.out).toContain('toy-pair.vectors.json');
  });

  it('gives the toy spec its own vectors through the same code, also as C', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['vectors', 'test/fixtures/specs/toy-pair.yaml', '--format', 'c'], io)).toBe(0);
    expect(io.out()).toContain('#include "node_state.h"');
    expect(io.out()).toContain('TOY_PAIR_EV_PARTNER_STATE');
    expect(io.err()).toContain('rules: 6 of 6 role-rule pairs fired');
  });

  it('rejects an unknown coverage or format with a hint and exit code 2', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['vectors', '--coverage', 'rule'], io)).toBe(2);
    expect(io.err()).toContain('did you mean "rules"');
    const io2 = captureIo(repoPath(''));
    expect(await runCli(['vectors', '--format', 'yaml'], io2)).toBe(2);
    expect(io2.err()).toContain('--format takes json or c');
    const io3 = captureIo(repoPath(''));
    expect(await runCli(['vectors', '--coverage', 'rules', '--config', 'careful-operator'], io3)).toBe(2);
  });

  it('reports an invalid spec with its findings and writes nothing', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['vectors', 'test/fixtures/specs/invalid/unknown-state.yaml'], io)).toBe(1);
    expect(io.out()).toContain('invalid spec, no vectors written');
    expect(io.out()).not.toContain('fsmkitVectors');
  });
});
