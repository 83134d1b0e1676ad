import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkLog } from '../../src/log/check-log.js';
import { check, classes, fixture, input, isc, model } from './log-helpers.js';

describe('one log, several hosts (point 3)', () => {
  it('follows each (host, relationship) on its own and infers every role, the pair consistently', async () => {
    const report = await check(fixture('central-syslog.log'));
    expect(report.findings).toEqual([]);
    expect(report.relationships.map((r) => [r.peer, r.host, r.role, r.moves, r.local])).toEqual([
      ['dmz', 'dhcp1', 'secondary', 8, 'NORMAL'],
      ['dmz', 'dhcp2', 'primary', 8, 'NORMAL'],
      ['lan', 'dhcp1', 'primary', 8, 'NORMAL'],
      ['lan', 'dhcp2', 'secondary', 8, 'NORMAL'],
    ]);
  });

  it('keeps the line numbers of the file', async () => {
    const broken = fixture('central-syslog.log').replace(
      'dhcp2 dhcpd[877]: failover peer dmz: I move from conflict-done to normal',
      'dhcp2 dhcpd[877]: failover peer dmz: I move from conflict-done to recover-done',
    );
    const report = await check(broken);
    expect(report.findings.map((f) => [f.line, f.class, f.peer, f.host])).toEqual([[34, 'violation', 'dmz', 'dhcp2']]);
  });

  it('reports a bad move once, from the server that made it, not again from its partner that saw it', async () => {
    const broken = fixture('central-syslog.log')
      .replace(
        'dhcp2 dhcpd[877]: failover peer dmz: I move from conflict-done to normal',
        'dhcp2 dhcpd[877]: failover peer dmz: I move from conflict-done to recover-done',
      )
      .replace(
        'dhcp1 dhcpd[1201]: failover peer dmz: peer moves from conflict-done to normal',
        'dhcp1 dhcpd[1201]: failover peer dmz: peer moves from conflict-done to recover-done',
      );
    const report = await check(broken);
    expect(report.findings.map((f) => [f.line, f.class, f.actor, f.host])).toEqual([[34, 'violation', 'local', 'dhcp2']]);
    // The same partner line in dhcp1's own log alone is judged.
    const alone = broken
      .split('\n')
      .filter((l) => l.includes(' dhcp1 '))
      .join('\n');
    expect((await check(alone)).findings.map((f) => [f.class, f.actor])).toEqual([['violation', 'partner']]);
  });

  it('without host names in the lines, interleaved relationships are still followed one by one', async () => {
    const a = fixture('reintegration.log').split('\n');
    const b = fixture('illegal.log')
      .replace(/dhcp-failover/g, 'scope-b')
      .split('\n');
    const mixed = a.flatMap((line, i) => [line, b[i] ?? '']).join('\n');
    const report = await check(mixed);
    expect(report.relationships.map((r) => [r.peer, r.violations])).toEqual([
      ['dhcp-failover', 0],
      ['scope-b', 2],
    ]);
    expect((await check(mixed, { peer: 'dhcp-failover' })).ok).toBe(true);
  });
});

describe('roles per relationship (point 6)', () => {
  it('takes --role per relationship, host or host:relationship', async () => {
    const log = [
      isc('10:00:00', 'dhcp1', 'lan', 'I move from normal to communications-interrupted'),
      isc('10:00:00', 'dhcp1', 'dmz', 'I move from normal to communications-interrupted'),
    ].join('\n');
    const report = await check(log, { roles: { by: { lan: 'primary', 'dhcp1:dmz': 'secondary' } } });
    expect(report.relationships.map((r) => [r.peer, r.role, r.roleFrom])).toEqual([
      ['dmz', 'secondary', 'given'],
      ['lan', 'primary', 'given'],
    ]);
  });

  it('reports a given role the log contradicts once, as a role conflict, not as a string of violations', async () => {
    const report = await check(fixture('central-syslog.log'), { roles: { by: { 'dhcp1:lan': 'secondary', 'dhcp2:lan': 'primary' } } });
    expect(report.violations).toBe(0);
    expect(report.roleConflicts).toBe(2);
    expect(report.findings.map((f) => [f.line, f.class, f.host])).toEqual([
      [22, 'role-conflict', 'dhcp1'],
      [23, 'role-conflict', 'dhcp2'],
    ]);
    expect(report.findings[0]?.message).toContain('given as the secondary, but it enters CONFLICT_DONE, which only the primary holds');
    expect(report.ok).toBe(false);
  });
});

describe('time order (point 8)', () => {
  it('judges lines that arrived out of time order in time order, and says so', async () => {
    const log = [
      isc('10:00:05', 'dhcp1', 'lan', 'I move from communications-interrupted to normal'),
      isc('10:00:00', 'dhcp1', 'lan', 'I move from normal to communications-interrupted'),
      isc('10:00:05', 'dhcp1', 'lan', 'peer moves from communications-interrupted to normal'),
    ].join('\n');
    const report = await check(log);
    expect(report.findings).toEqual([]);
    expect(report.reordered).toBe(1);
    expect(report.moves).toBe(3);
  });

  it('judges rotated files in time order whatever order they are given in', async () => {
    const lines = fixture('reintegration.log').trimEnd().split('\n');
    const files = {
      'syslog.2.gz': gzipSync(`${lines.slice(0, 5).join('\n')}\n`),
      'syslog.1': `${lines.slice(5, 9).join('\n')}\n`,
      syslog: `${lines.slice(9).join('\n')}\n`,
    };
    const inputs = (['syslog', 'syslog.2.gz', 'syslog.1'] as const).map((name) => input(name, files[name]));
    const report = await checkLog(model, inputs);
    expect(report.findings).toEqual([]);
    expect(report.inputOrder).toBe('by-time');
    expect(report.inputs.map((i) => [i.file, i.lines])).toEqual([
      ['syslog.2.gz', 5],
      ['syslog.1', 4],
      ['syslog', 4],
    ]);
    // Without times, files are judged as given, and the wrong order shows as findings.
    const bare = (from: number, to?: number) =>
      `${lines
        .slice(from, to)
        .map((l) => l.slice(l.indexOf('failover peer')))
        .join('\n')}\n`;
    const asGiven = await checkLog(model, [input('syslog', bare(5)), input('syslog.1', bare(0, 5))]);
    expect(asGiven.inputOrder).toBe('as-given');
    expect(asGiven.gaps + asGiven.violations).toBeGreaterThan(0);
  });

  it('names the file and line of findings across several inputs', async () => {
    const report = await checkLog(model, [
      input('syslog.1', `${isc('10:00:00', 'dhcp1', 'lan', 'I move from normal to communications-interrupted')}\n`),
      input('syslog', `${isc('10:00:09', 'dhcp1', 'lan', 'I move from communications-interrupted to recover-done')}\n`),
    ]);
    expect(report.findings.map((f) => [f.file, f.line, f.class])).toEqual([['syslog', 1, 'violation']]);
    expect(classes(report)).toEqual([[1, 'violation']]);
  });
});

describe('time order across New Year (point 8)', () => {
  it('puts a rotated file from December before the one from January, and reads on into the new year', async () => {
    const december = [
      'Dec 31 23:59:58 dhcp1 dhcpd[1201]: failover peer lan: I move from normal to communications-interrupted',
      'Jan  1 00:00:01 dhcp1 dhcpd[1201]: failover peer lan: I move from communications-interrupted to partner-down',
    ].join('\n');
    const january = 'Jan  1 08:00:00 dhcp1 dhcpd[1201]: failover peer lan: peer moves from communications-interrupted to recover\n';
    const report = await checkLog(model, [input('syslog', january), input('syslog.1', december)]);
    expect(report.inputs.map((i) => i.file)).toEqual(['syslog.1', 'syslog']);
    expect(report.findings).toEqual([]);
    expect(report.reordered + report.outOfOrderUnmended).toBe(0);
  });

  it('counts a line too late for the window and judges it where it stands', async () => {
    const log = [
      isc('10:00:00', 'dhcp1', 'lan', 'I move from normal to communications-interrupted'),
      isc('10:00:05', 'dhcp1', 'dmz', 'I move from normal to communications-interrupted'),
      isc('10:00:06', 'dhcp1', 'dmz', 'I move from communications-interrupted to normal'),
      isc('10:00:01', 'dhcp1', 'lan', 'I move from communications-interrupted to normal'),
    ].join('\n');
    const report = await check(log, { reorderWindow: 1 });
    expect(report.outOfOrderUnmended).toBe(1);
    expect(report.findings).toEqual([]);
  });
});
