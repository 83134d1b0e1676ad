import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { repoPath } from '../helpers/paths.js';
import { captureIo, copyProject } from '../helpers/project.js';

describe('fsmkit check', () => {
  it('passes on the bundled spec and its committed outputs', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['check'], io)).toBe(0);
    expect(io.out()).toContain('spec/dhcpv4-failover.yaml: ok');
  });

  it('fails when a generated file was edited by hand, naming it and the fix; generate mends it', async () => {
    const dir = copyProject();
    const file = join(dir, 'generated', 'fsm-state.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('NORMAL = 3', 'NORMAL = 33'));
    const io = captureIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    expect(io.out()).toMatch(/generated\/fsm-state\.ts:\d+:1 error STALE_OUTPUT/);
    expect(io.out()).toContain('npx fsmkit generate spec/dhcpv4-failover.yaml');

    expect(await runCli(['generate'], captureIo(dir))).toBe(0);
    expect(await runCli(['check'], captureIo(dir))).toBe(0);
  });

  it('fails when a generated file is missing', async () => {
    const dir = copyProject();
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'generated', 'fsm-state.ts'));
    const io = captureIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    expect(io.out()).toContain('MISSING_OUTPUT');
  });

  it('prints positioned findings with an excerpt and exits 1 on a broken spec', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['check', 'test/fixtures/specs/invalid/unknown-state.yaml'], io)).toBe(1);
    expect(io.out()).toContain('test/fixtures/specs/invalid/unknown-state.yaml:84:9 error UNKNOWN_STATE');
    expect(io.out()).toContain('    84 |     to: PARIED');
    expect(io.out()).toContain('hint: did you mean "PAIRED"?');
    expect(io.err()).toBe('');
  });

  it('prints JSON for machines', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['check', 'test/fixtures/specs/invalid/duplicate-value.yaml', '--json'], io)).toBe(1);
    const result = JSON.parse(io.out());
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'DUPLICATE_VALUE', start: { line: 48, col: 21 } });
  });

  it('exits 2 (usage) with a message for a missing spec file or a folder', async () => {
    for (const [spec, words] of [
      ['no/such/spec.yaml', 'no/such/spec.yaml does not exist'],
      ['spec', 'spec is a folder, not a spec file'],
    ]) {
      const io = captureIo(repoPath(''));
      expect(await runCli(['check', spec as string], io)).toBe(2);
      expect(io.err()).toContain(`fsmkit: ${words}`);
      expect(io.out()).toBe('');
    }
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['chek'], 'did you mean "check"?'],
    [['check', '--bogus'], "unknown option '--bogus'"],
    [['check', 'a.yaml', 'b.yaml'], 'takes one spec file'],
    [['generate', '--out'], "'--out"],
  ])('fsmkit %j', async (argv, message) => {
    const io = captureIo(repoPath(''));
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.out()).toBe('');
  });
});

describe('fsmkit generate', () => {
  it('writes nothing for an invalid spec', async () => {
    const dir = copyProject();
    const io = captureIo(dir);
    const before = readFileSync(join(dir, 'generated', 'fsm-state.ts'), 'utf8');
    writeFileSync(
      join(dir, 'spec', 'dhcpv4-failover.yaml'),
      readFileSync(join(dir, 'spec', 'dhcpv4-failover.yaml'), 'utf8').replace('windows: 3', 'windows: 4'),
    );
    expect(await runCli(['generate'], io)).toBe(1);
    expect(io.out()).toContain('DUPLICATE_VALUE');
    expect(readFileSync(join(dir, 'generated', 'fsm-state.ts'), 'utf8')).toBe(before);
  });

  it('refuses to write outside the project', async () => {
    const dir = copyProject();
    const io = captureIo(dir);
    expect(await runCli(['generate', '--out', '../elsewhere'], io)).toBe(1);
    expect(io.out()).toContain('outside the project folder');
  });
});

describe('the installed binary', () => {
  it('runs check on the bundled spec', () => {
    const out = execFileSync(process.execPath, [repoPath('bin/fsmkit.js'), 'check'], { cwd: repoPath(''), encoding: 'utf8' });
    expect(out).toContain('ok');
  });

  it('shows no stack trace for a bad input', () => {
    const run = spawnSync(process.execPath, [repoPath('bin/fsmkit.js'), 'check', 'test/fixtures/specs/invalid/yaml-syntax.yaml'], {
      cwd: repoPath(''),
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at /);
  });
});

describe('fsmkit explore', () => {
  it('prints the matrix and exits 0 when every verdict is expected', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['explore'], io)).toBe(0);
    expect(io.out()).toMatch(/careless-operator\s+1417\s+8118\s+19\s/);
    expect(io.out()).toContain('Every verdict is the one the spec expects.');
  });

  it('prints one configuration with its counterexample trace', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['explore', '--config', 'safe-period'], io)).toBe(0);
    expect(io.out()).toContain('partner-down-alone: violated (12) (as expected)');
    expect(io.out()).toMatch(/comm-int-safe-period \(safe-period-expired, 9\.9\.3\)/);
  });

  it('prints JSON with verdicts and traces as plain data', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['explore', '--config', 'careless-operator', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out());
    const safety = report.configurations[0].verdicts.find((v: { property: string }) => v.property === 'partner-down-alone');
    expect(safety.status).toBe('violated');
    expect(safety.trace.at(-1).after.relationships[0].primary.state).toBe('PARTNER_DOWN');
    expect(safety.trace[0]).toEqual({ kind: 'start', after: expect.objectContaining({ network: 'up' }) });
  });

  it('exits 1 and names the property when a verdict changes', async () => {
    const dir = copyProject();
    const spec = join(dir, 'spec', 'dhcpv4-failover.yaml');
    // A careful operator who may also act while the partner runs is a careless one.
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('    partner_running: false\n', ''));
    const io = captureIo(dir);
    expect(await runCli(['explore'], io)).toBe(1);
    expect(io.out()).toContain('careful-operator / partner-down-alone: expected holds, found violated');
    const check = captureIo(dir);
    expect(await runCli(['check'], check)).toBe(1);
    expect(check.out()).toContain('UNEXPECTED_VERDICT');
  });

  it('stops at --max-states with a clear message', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['explore', '--config', 'everything', '--max-states', '100'], io)).toBe(1);
    expect(io.out()).toContain('stopped at the states limit after 100 states');
  });

  it('explores K relationships: counts with and without symmetry, and a trace naming the relationship that moved', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['explore', '--config', 'careless-operator', '--relationships', '2'], io)).toBe(0);
    expect(io.out()).toContain(
      '2 relationships between the two hosts (1417 states of one relationship); symmetry on: the 413871 states stand for 826325 without it',
    );
    expect(io.out()).toMatch(
      /11\. r1 primary: normal-partner-down-command \(partner-down-careless, 9\.8\.4\) +r1 PARTNER_DOWN \/ NORMAL\* +r2 INIT \/ INIT +network up/,
    );
    const off = captureIo(repoPath(''));
    expect(await runCli(['explore', '--config', 'crashes', '--relationships', '2', '--no-symmetry', '--json'], off)).toBe(0);
    const report = JSON.parse(off.out()).configurations[0];
    expect([report.states, report.system.fullStates, report.system.symmetry]).toEqual([10009, 10009, false]);
  });

  it('shows progress on a terminal only, exploring and then checking recoverability, and erases it', async () => {
    const tty = { ...captureIo(repoPath('')), stderrIsTty: true };
    let err = '';
    tty.stderr = (t: string) => {
      err += t;
    };
    expect(await runCli(['explore', '--config', 'careless-operator', '--relationships', '2'], tty)).toBe(0);
    expect(err).toMatch(/exploring: \d+ states, \d+ states\/s, queue \d+, depth \d+/);
    expect(err).toMatch(/checking recoverable: \d+% of 413871 states settled/);
    expect(err.endsWith('\r\u001b[2K')).toBe(true);
    const piped = captureIo(repoPath(''));
    expect(await runCli(['explore', '--config', 'careless-operator', '--relationships', '2'], piped)).toBe(0);
    expect(piped.err()).toBe('');
  });

  it('explores a configuration that declares its relationships, and --relationships 1 overrides it', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['explore', '--config', 'two-relationships'], io)).toBe(0);
    expect(io.out()).toContain('50222 states');
    const one = captureIo(repoPath(''));
    expect(await runCli(['explore', '--config', 'two-relationships', '--relationships', '1'], one)).toBe(0);
    expect(one.out()).toContain('647 states');
  });

  it('exports K relationships to Promela', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['export', 'promela', '--config', 'crashes', '--relationships', '3'], io)).toBe(0);
    expect(io.out()).toContain('short s[6]');
    expect(io.out()).toContain('--relationships 3');
  });

  it.each([
    [['explore', '--config', 'carefull-operator'], 'did you mean "careful-operator"?'],
    [['explore', '--max-states', 'lots'], '--max-states takes a whole number'],
    [['explore', '--config', 'reliable', '--matrix'], 'exclude each other'],
    [['explore', '--no-symmetry'], '--symmetry and --no-symmetry need --relationships'],
    [['explore', '--relationships', '0'], '--relationships takes a whole number above 0'],
    [['explore', '--relationships', '9'], '--relationships takes at most 8'],
  ])('rejects %j with exit 2', async (argv, message) => {
    const io = captureIo(repoPath(''));
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err()).toContain(message);
  });

  it('ends a run whose relationship outgrows the key as a finding with a hint, in explore and in check alike (exit 1)', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['explore', '--config', 'maintenance', '--relationships', '8'], io)).toBe(1);
    expect(io.out()).toContain('one relationship took more than 64 states, the most a key holds with 8 relationships: verdicts are partial');
    const dir = copyProject();
    const spec = join(dir, 'spec', 'dhcpv4-failover.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('    relationships: 2\n', '    relationships: 8\n'));
    const check = captureIo(dir);
    expect(await runCli(['check'], check)).toBe(1);
    expect(check.out()).toMatch(/EXPLORATION_LIMIT\n {2}configuration two-relationships: stopped: one relationship took more than 64 states/);
    expect(check.out()).toContain('hint: explore fewer relationships');
    expect(check.err()).not.toContain('internal error');
  });
});

describe('fsmkit export promela', () => {
  it('writes a Promela model of one configuration', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['export', 'promela', '--config', 'crashes', '--check', 'partner-down-alone'], io)).toBe(0);
    expect(io.out()).toContain('active proctype pair()');
    expect(io.out()).toContain('assert(');
  });

  it('rejects an unknown format or property', async () => {
    expect(await runCli(['export', 'tla'], captureIo(repoPath('')))).toBe(2);
    const io = captureIo(repoPath(''));
    expect(await runCli(['export', 'promela', '--check', 'reachable'], io)).toBe(2);
    expect(io.err()).toContain('invariant or no-stuck');
  });
});

describe('generated docs are part of the check', () => {
  it('fails when a docs page was edited by hand, and generate mends it', async () => {
    const dir = copyProject();
    const page = join(dir, 'docs', 'generated', 'states', 'NORMAL.md');
    writeFileSync(page, `${readFileSync(page, 'utf8')}\nhand-written note\n`);
    const io = captureIo(dir);
    expect(await runCli(['check'], io)).toBe(1);
    expect(io.out()).toContain('docs/generated/states/NORMAL.md');
    expect(await runCli(['generate'], captureIo(dir))).toBe(0);
    expect(await runCli(['check'], captureIo(dir))).toBe(0);
  });
});
