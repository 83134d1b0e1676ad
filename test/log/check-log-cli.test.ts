import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { repoPath } from '../helpers/paths.js';
import { captureIo } from '../helpers/project.js';
import { check, fixture } from './log-helpers.js';

const repo = () => captureIo(repoPath(''));
const scratch = () => mkdtempSync(join(tmpdir(), 'fsmkit-log-'));

describe('fsmkit check-log exit codes and messages', () => {
  it('exits 1 on violations, 0 on a legal log, 2 on a missing one', async () => {
    const io = repo();
    expect(await runCli(['check-log', 'test/fixtures/logs/illegal.log'], io)).toBe(1);
    expect(io.out()).toContain('test/fixtures/logs/illegal.log:5: violation [dhcp-failover @ dhcp1]');
    expect(io.out()).toContain('allowed from here: STARTUP (crash, 9.3.2), RECOVER_DONE (recover-wait-elapsed, 9.6.2)');
    expect(await runCli(['check-log', 'test/fixtures/logs/reintegration.log'], repo())).toBe(0);
    const missing = repo();
    expect(await runCli(['check-log', 'no/such.log'], missing)).toBe(2);
    expect(missing.err()).toContain('cannot read the log no/such.log: no such file');
  });

  it('rejects unknown profiles and roles, and takes --role per relationship', async () => {
    expect(await runCli(['check-log', 'x.log', '--profile', 'isc'], repo())).toBe(2);
    const role = repo();
    expect(await runCli(['check-log', 'x.log', '--role', 'lan=master'], role)).toBe(2);
    expect(role.err()).toContain('--role takes primary or secondary, not "master"');
    const io = repo();
    expect(await runCli(['check-log', 'test/fixtures/logs/central-syslog.log', '--role', 'dhcp1:lan=secondary', '--json'], io)).toBe(1);
    expect(JSON.parse(io.out()).findings.map((f: { class: string; host: string }) => [f.class, f.host])).toEqual([['role-conflict', 'dhcp1']]);
  });
});

describe('saying when nothing could be read (point 10)', () => {
  it.each([
    ['a log with no state change', 'Nov 28 10:00:00 dhcp1 dhcpd[1201]: DHCPDISCOVER from 00:11:22:33:44:55 via eth0\n', 'no state change found in 1 line'],
    ['binary input', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]), 'binary'],
  ])('%s is an error with exit 2', async (_name, content, says) => {
    const dir = scratch();
    writeFileSync(join(dir, 'in.log'), content);
    const io = captureIo(dir);
    expect(await runCli(['check-log', 'in.log'], io)).toBe(2);
    expect(io.err()).toContain(says);
  });

  it('--peer matching no relationship lists the ones seen', async () => {
    const io = repo();
    expect(await runCli(['check-log', 'test/fixtures/logs/central-syslog.log', '--peer', 'wan'], io)).toBe(2);
    expect(io.err()).toContain('no relationship "wan" in the log; relationships seen: dmz, lan');
  });

  it('a truncated gzip reports what it read, then exits 2', async () => {
    const gz = gzipSync(fixture('illegal.log').repeat(200));
    const dir = scratch();
    writeFileSync(join(dir, 'syslog.1.gz'), gz.subarray(0, gz.length - 40));
    const io = captureIo(dir);
    expect(await runCli(['check-log', 'syslog.1.gz'], io)).toBe(2);
    expect(io.out()).toContain('violation');
    expect(io.err()).toMatch(/syslog\.1\.gz: the gzip stream ends early or is corrupt .*\(read \d+ lines\)/);
  });

  it('counts malformed lines and gaps in the summary', async () => {
    const io = repo();
    await runCli(['check-log', 'test/fixtures/logs/illegal.log'], io);
    expect(io.out()).toContain('2 violations, 0 role conflicts, 0 gaps, 2 malformed lines');
  });
});

describe('several files (point 8)', () => {
  it('judges rotated files given in any order in time order, and says so', async () => {
    const lines = fixture('reintegration.log').trimEnd().split('\n');
    const dir = scratch();
    writeFileSync(join(dir, 'syslog.2.gz'), gzipSync(`${lines.slice(0, 5).join('\n')}\n`));
    writeFileSync(join(dir, 'syslog.1'), `${lines.slice(5, 9).join('\n')}\n`);
    writeFileSync(join(dir, 'syslog'), `${lines.slice(9).join('\n')}\n`);
    const io = captureIo(dir);
    expect(await runCli(['check-log', 'syslog', 'syslog.2.gz', 'syslog.1'], io)).toBe(0);
    expect(io.out()).toContain('judged in time order: syslog.2.gz, syslog.1, syslog');
  });
});

describe('the bundled spec and --json on every path (point 11)', () => {
  it('finds the bundled spec from any folder', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'dhcpd.log'), fixture('reintegration.log'));
    const io = captureIo(dir);
    expect(await runCli(['check-log', 'dhcpd.log'], io)).toBe(0);
    expect(io.out()).toContain('9 state changes');
  });

  it.each([
    [['check-log', 'no/such.log', '--json'], 'unreadable'],
    [['check-log', 'x.log', '--json', '--profile', 'nope'], 'usage'],
    [['check-log', 'x.log', '--json', '--frobnicate'], 'usage'],
    [['check-log', 'test/fixtures/logs/central-syslog.log', '--json', '--peer', 'wan'], 'unknown-peer'],
  ])('%j prints JSON with exit 2', async (argv, kind) => {
    const io = repo();
    expect(await runCli(argv, io)).toBe(2);
    const json = JSON.parse(io.out());
    expect(json.ok).toBe(false);
    expect(json.problem.kind).toBe(kind);
  });
});

describe('findings say what failed (point 12)', () => {
  it('JSON findings carry from, to, actor, partner state, role, rule, section and the failed condition', async () => {
    const io = repo();
    expect(await runCli(['check-log', 'test/fixtures/logs/comm-int-to-conflict.log', '--json', '--role', 'primary'], io)).toBe(1);
    const [finding] = JSON.parse(io.out()).findings;
    expect(finding).toMatchObject({
      file: 'test/fixtures/logs/comm-int-to-conflict.log',
      line: 3,
      class: 'violation',
      peer: 'lan',
      host: 'dhcp1',
      actor: 'local',
      from: 'COMMUNICATION_INT',
      to: 'POTENTIAL_CONFLICT',
      partnerState: 'NORMAL',
      role: 'primary',
      rule: 'comm-int-to-conflict',
      section: '9.9.3',
      condition: 'rule comm-int-to-conflict needs a partner in PARTNER_DOWN, POTENTIAL_CONFLICT, CONFLICT_DONE, RESOLUTION_INT; the partner was in NORMAL',
    });
  });

  it('without a profile, a violation a profile would accept names it', async () => {
    const io = repo();
    expect(await runCli(['check-log', 'test/fixtures/logs/isc-departure.log'], io)).toBe(1);
    expect(io.out()).toContain('accepted with --profile isc-dhcpd (departure isc-normal-peer-partner-down)');
    expect(io.out()).toContain('evidence: server/failover.c, dhcp_failover_peer_state_changed()');
    const profiled = repo();
    expect(await runCli(['check-log', 'test/fixtures/logs/isc-departure.log', '--profile', 'isc-dhcpd', '--json'], profiled)).toBe(0);
    expect(JSON.parse(profiled.out()).accepted).toBe(1);
  });

  it('the text names the failed condition in plain words', async () => {
    const report = await check(fixture('restart-recover-to-normal.log'));
    expect(report.findings[0]?.message).toBe(
      'this server moved STARTUP -> NORMAL with the partner in NORMAL: rule startup-resume returns to the remembered state (RECOVER), not to NORMAL',
    );
  });
});

describe('README', () => {
  it('shows what check-log prints today', async () => {
    const readme = readFileSync(repoPath('README.md'), 'utf8');
    const block = /### Checking real logs\n\n```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const [command, ...shown] = block.trimEnd().split('\n');
    const argv = (command ?? '').replace(/^\$ fsmkit /, '').split(' ');
    const io = repo();
    expect(await runCli(argv, io)).toBe(1);
    expect(shown.length).toBeGreaterThan(3);
    for (const line of shown) expect(io.out()).toContain(line);
  });
});
