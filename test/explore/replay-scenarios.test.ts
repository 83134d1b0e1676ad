import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayScenarios } from '../../src/explore/replay-scenarios.js';
import { checkSpec } from '../../src/model/check-spec.js';
import { BUNDLED_SPEC, repoPath, TOY_SPEC } from '../helpers/paths.js';

// The toy pair (DOWN, SOLO, PAIRED; boot, partner-state, net-fails, net-heals) with scenarios appended.
const toy = readFileSync(TOY_SPEC, 'utf8');
const withScenarios = (yaml: string) => `${toy}scenarios:\n${yaml}`;

function replay(yaml: string) {
  const checked = checkSpec('toy.yaml', withScenarios(yaml));
  if (!checked.model || !checked.locate) return { checked, runs: [], found: checked.diagnostics };
  const { runs, diagnostics } = replayScenarios(checked.model, { file: checked.file, locate: checked.locate });
  return { checked, runs, found: diagnostics };
}

const pairing = `  - name: pairing
    description: Both nodes boot alone and pair once they see each other.
    ref: "2"
    steps:
      - { server: left, rule: boot-solo, expect: { left: SOLO, right: DOWN }, next: [right:boot-solo] }
      - { server: right, event: boot, expect: { left: SOLO, right: SOLO }, next: [left:solo-pairs, right:solo-pairs] }
      - { server: left, event: partner-state, expect: { left: PAIRED, right: SOLO } }
      - { event: net-fails, expect: { left: SOLO, right: SOLO, network: down }, next: [] }
`;

describe('replayScenarios', () => {
  it('replays a scenario written by hand for the toy pair, step by step', () => {
    const { runs, found } = replay(pairing);
    expect(found).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.ok).toBe(true);
    expect(runs[0]?.trace.map((s) => `${s.after.relationships[0]?.left?.state}/${s.after.relationships[0]?.right?.state}/${s.after.network}`)).toEqual([
      'DOWN/DOWN/up',
      'SOLO/DOWN/up',
      'SOLO/SOLO/up',
      'PAIRED/SOLO/up',
      'SOLO/SOLO/down',
    ]);
  });

  it('reports a pair other than expected at the step, with both pairs, and stops that scenario there', () => {
    const { found } = replay(pairing.replace('expect: { left: PAIRED, right: SOLO } }', 'expect: { left: PAIRED, right: PAIRED } }'));
    expect(found.map((d) => [d.code, d.start.line])).toEqual([['SCENARIO_MISMATCH', 127]]);
    expect(found[0]?.message).toContain(
      'step 3 (left: partner-state): expected left PAIRED, right PAIRED, network up; the spec gives left PAIRED, right SOLO, network up',
    );
    expect(found[0]?.hint).toContain('section 2');
  });

  it('checks memory and flag too: STATE[MEMORY]* is exact', () => {
    const text = readFileSync(BUNDLED_SPEC, 'utf8');
    const flagless = text.replace('expect: { primary: PARTNER_DOWN, secondary: "NORMAL*" }', 'expect: { primary: PARTNER_DOWN, secondary: NORMAL }');
    const memoryless = text.replace(
      'expect: { primary: "STARTUP[COMMUNICATION_INT]", secondary: COMMUNICATION_INT }',
      'expect: { primary: STARTUP, secondary: COMMUNICATION_INT }',
    );
    for (const [changed, want] of [
      [flagless, 'expected primary PARTNER_DOWN, secondary NORMAL, network up; the spec gives primary PARTNER_DOWN, secondary NORMAL*'],
      [memoryless, 'expected primary STARTUP, secondary COMMUNICATION_INT, network up; the spec gives primary STARTUP[COMMUNICATION_INT]'],
    ] as const) {
      expect(changed).not.toBe(text);
      const checked = checkSpec('spec.yaml', changed);
      const { diagnostics } = replayScenarios(checked.model as NonNullable<typeof checked.model>, {
        file: 'spec.yaml',
        locate: checked.locate as NonNullable<typeof checked.locate>,
      });
      expect(diagnostics.map((d) => d.code)).toEqual(['SCENARIO_MISMATCH']);
      expect(diagnostics[0]?.message).toContain(want);
    }
  });

  it('reports a step that cannot be taken at its rule or event', () => {
    const { found } = replay(pairing.replace('{ server: left, rule: boot-solo,', '{ server: left, rule: solo-pairs,'));
    expect(found.map((d) => [d.code, d.start.line, d.start.col])).toEqual([['SCENARIO_STEP_IMPOSSIBLE', 125, 31]]);
    expect(found[0]?.message).toContain('step 1 (left: solo-pairs) cannot be taken: it is not enabled in left DOWN, right DOWN, network up');
  });

  it('reports a network step that changes nothing as impossible', () => {
    const { found } = replay(pairing.replace('{ event: net-fails,', '{ event: net-heals,'));
    expect(found.map((d) => d.code)).toEqual(['SCENARIO_STEP_IMPOSSIBLE']);
  });

  it('treats a protocol event that no rule takes as "nothing happens"', () => {
    const { found } = replay(`  - name: idle
    description: A node in DOWN ignores its partner.
    ref: "1"
    steps:
      - { server: left, event: partner-state, expect: { left: DOWN, right: DOWN } }
`);
    expect(found).toEqual([]);
  });

  it('reports other possible next steps than listed', () => {
    const { found } = replay(pairing.replace('next: [left:solo-pairs, right:solo-pairs]', 'next: [left:solo-pairs]'));
    expect(found.map((d) => [d.code, d.start.line])).toEqual([['SCENARIO_NEXT_MISMATCH', 126]]);
    expect(found[0]?.message).toContain('expected the protocol steps left:solo-pairs to be possible next; the spec allows left:solo-pairs, right:solo-pairs');
  });

  it('starts from a stated pair', () => {
    const { found } = replay(`  - name: from-paired
    description: A network failure moves both paired nodes to SOLO.
    ref: "3"
    from: { left: PAIRED, right: PAIRED }
    steps:
      - { event: net-fails, expect: { left: SOLO, right: SOLO, network: down } }
`);
    expect(found).toEqual([]);
  });

  it('passes every scenario of the bundled spec', () => {
    const checked = checkSpec('spec.yaml', readFileSync(BUNDLED_SPEC, 'utf8'));
    const { runs, diagnostics } = replayScenarios(checked.model as NonNullable<typeof checked.model>, {
      file: 'spec.yaml',
      locate: checked.locate as NonNullable<typeof checked.locate>,
    });
    expect(diagnostics).toEqual([]);
    expect(runs.length).toBeGreaterThanOrEqual(15);
    expect(runs.every((r) => r.ok)).toBe(true);
  });
});

describe('checking scenario names', () => {
  const codes = (yaml: string) => checkSpec('toy.yaml', withScenarios(yaml)).diagnostics.map((d) => [d.code, `${d.message} ${d.hint ?? ''}`]);

  it.each([
    ['an unknown rule', pairing.replace('rule: boot-solo', 'rule: boot-sol'), 'INVALID_VALUE', 'did you mean'],
    ['an unknown event', pairing.replace('event: net-fails', 'event: net-fail'), 'UNKNOWN_EVENT', 'net-fail'],
    ['an unknown role', pairing.replace('{ server: left, rule', '{ server: lfet, rule'), 'UNKNOWN_ROLE', 'lfet'],
    ['an unknown state', pairing.replace('{ left: SOLO, right: DOWN }', '{ left: SOLOO, right: DOWN }'), 'UNKNOWN_STATE', 'SOLOO'],
    ['a role left out of the expected pair', pairing.replace('{ left: SOLO, right: DOWN }', '{ left: SOLO }'), 'MISSING_FIELD', 'right'],
    ['a server-less step of a server event', pairing.replace('{ server: right, event: boot,', '{ event: boot,'), 'MISSING_FIELD', 'boot'],
    ['a server on a network step', pairing.replace('{ event: net-fails,', '{ server: left, event: net-fails,'), 'MISUSED_FIELD', 'network'],
    ['a flag in a spec without one', pairing.replace('{ left: SOLO, right: DOWN }', '{ left: "SOLO*", right: DOWN }'), 'MISUSED_FIELD', 'flag'],
    ['a memory in a spec without one', pairing.replace('{ left: SOLO, right: DOWN }', '{ left: "SOLO[DOWN]", right: DOWN }'), 'MISUSED_FIELD', 'memory'],
    ['a rule with the wrong event', pairing.replace('rule: boot-solo,', 'rule: boot-solo, event: partner-state,'), 'INVALID_VALUE', 'does not fire on'],
  ])('refuses %s', (_name, yaml, code, mentions) => {
    const found = codes(yaml);
    expect(found.map(([c]) => c)).toContain(code);
    expect(found.find(([c]) => c === code)?.[1]).toContain(mentions);
  });

  it('refuses a server notation of another shape through the schema', () => {
    const found = codes(pairing.replace('{ left: SOLO, right: DOWN }', '{ left: "SOLO[", right: DOWN }'));
    expect(found.map(([c]) => c)).toContain('INVALID_VALUE');
  });
});

describe('fsmkit check with scenarios', () => {
  it('fails with the scenario finding at its line when the spec reads the draft otherwise (crash that keeps the link)', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { runCli } = await import('../../src/cli/main.js');
    const { captureIo, copyProject } = await import('../helpers/project.js');
    const dir = copyProject();
    const file = join(dir, 'spec', 'dhcpv4-failover.yaml');
    // A rule the draft does not have: UPDDONE taken from a primary still in STARTUP.
    const text = readFileSync(file, 'utf8').replace('    partner: [CONFLICT_DONE]\n    partner_shows_memory: false\n', '    partner: [CONFLICT_DONE]\n');
    writeFileSync(file, text);
    const io = captureIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    expect(io.out()).toMatch(/spec\/dhcpv4-failover\.yaml:\d+:\d+ error SCENARIO_NEXT_MISMATCH\n {2}scenario no-upddone-from-startup, step 2/);
    expect(await runCli(['check'], captureIo(repoPath('')))).toBe(0);
  });
});
