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

  it('exits 1 with a message for a missing spec file', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['check', 'no/such/spec.yaml'], io)).toBe(1);
    expect(io.out()).toContain('no/such/spec.yaml:1:1 error FILE_UNREADABLE');
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
