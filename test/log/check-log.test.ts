import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { type CheckLogOptions, checkLog } from '../../src/log/check-log.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { BUNDLED_SPEC, repoPath } from '../helpers/paths.js';
import { captureIo } from '../helpers/project.js';

const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
const fixture = (name: string) => readFileSync(repoPath(`test/fixtures/logs/${name}`), 'utf8');
const check = (text: string | Buffer, options: Partial<CheckLogOptions> = {}) =>
  checkLog(model, Readable.from([Buffer.from(text)]), { format: 'isc', ...options });

describe('check-log on realistic ISC dhcpd logs', () => {
  it.each(['reintegration.log', 'partner-down-recovery.log', 'potential-conflict.log', 'restarts-mid-stream.log'])('accepts the legal log %s', async (name) => {
    const report = await check(fixture(name));
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.relationships[0]?.moves).toBeGreaterThan(5);
  });

  it('catches illegal moves with the right line, reason and allowed moves', async () => {
    const report = await check(fixture('illegal.log'));
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.line, f.class])).toEqual([
      [5, 'violation'],
      [6, 'violation'],
      [7, 'malformed'],
      [8, 'malformed'],
    ]);
    const [first, second] = report.findings;
    expect(first?.message).toContain('RECOVER_WAIT -> NORMAL with the partner in RECOVER');
    expect(first?.allowed?.map((m) => m.to)).toContain('RECOVER_DONE');
    expect(first?.allowed?.find((m) => m.to === 'RECOVER_DONE')?.ref).toBe('9.6.2');
    expect(second?.message).toContain('the partner (primary) moved RECOVER -> CONFLICT_DONE');
  });

  it('infers the role from a state only one role holds, and says when it cannot', async () => {
    expect((await check(fixture('potential-conflict.log'))).relationships[0]).toMatchObject({ role: 'primary', roleInferredAt: 5 });
    expect((await check(fixture('reintegration.log'))).relationships[0]?.role).toBeNull();
    expect((await check(fixture('reintegration.log'), { role: 'secondary' })).relationships[0]?.role).toBe('secondary');
  });

  it('treats re-reported states and restarts as no transition', async () => {
    const summary = (await check(fixture('restarts-mid-stream.log'))).relationships[0];
    expect(summary?.repeats).toBe(1);
    expect(summary?.violations).toBe(0);
  });

  it('classes a known ISC departure as a deviation, and accepts it with the profile', async () => {
    const draft = await check(fixture('isc-departure.log'));
    expect(draft.ok).toBe(true);
    expect(draft.findings.map((f) => [f.line, f.class, f.departure?.id])).toEqual([[4, 'deviation', 'isc-normal-peer-partner-down']]);
    const isc = await check(fixture('isc-departure.log'), { profile: 'isc-dhcpd' });
    expect(isc.findings).toEqual([]);
    expect(isc.relationships[0]?.accepted).toBe(1);
  });

  it('reads CR LF and gzip input the same as plain LF', async () => {
    const plain = await check(fixture('illegal.log'));
    const crlf = await check(fixture('illegal.log').replace(/\n/g, '\r\n'));
    const gzip = await check(gzipSync(fixture('illegal.log')));
    expect(crlf.findings.map((f) => f.line)).toEqual(plain.findings.map((f) => f.line));
    expect(gzip.findings.map((f) => f.message)).toEqual(plain.findings.map((f) => f.message));
  });

  it('follows interleaved relationships one by one, and --peer picks one', async () => {
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

  it('reads the JSONL format with state names or aliases', async () => {
    const jsonl = [
      '{"peer":"p","who":"local","from":"NORMAL","to":"COMMUNICATION_INT"}',
      '{"peer":"p","who":"partner","to":"communications-interrupted"}',
      '',
      '{"peer":"p","who":"local","to":"RECOVER_DONE"}',
      'not json',
    ].join('\n');
    const report = await check(jsonl, { format: 'jsonl' });
    expect(report.findings.map((f) => [f.line, f.class])).toEqual([
      [4, 'violation'],
      [5, 'malformed'],
    ]);
  });
});

describe('fsmkit check-log', () => {
  it('exits 1 on violations, 0 on a legal log, 2 on an unreadable one', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['check-log', 'test/fixtures/logs/illegal.log'], io)).toBe(1);
    expect(io.out()).toContain('test/fixtures/logs/illegal.log:5: violation [dhcp-failover]');
    expect(io.out()).toContain('allowed from here: STARTUP (crash, 9.3.2), RECOVER_DONE (recover-wait-elapsed, 9.6.2)');
    expect(await runCli(['check-log', 'test/fixtures/logs/reintegration.log'], captureIo(repoPath('')))).toBe(0);
    const missing = captureIo(repoPath(''));
    expect(await runCli(['check-log', 'no/such.log'], missing)).toBe(2);
    expect(missing.err()).toContain('cannot read the log no/such.log');
  });

  it('prints JSON and rejects unknown profiles and roles', async () => {
    const io = captureIo(repoPath(''));
    expect(await runCli(['check-log', 'test/fixtures/logs/isc-departure.log', '--json', '--profile', 'isc-dhcpd'], io)).toBe(0);
    expect(JSON.parse(io.out()).relationships[0].accepted).toBe(1);
    expect(await runCli(['check-log', 'x.log', '--profile', 'isc'], captureIo(repoPath('')))).toBe(2);
    expect(await runCli(['check-log', 'x.log', '--role', 'master'], captureIo(repoPath('')))).toBe(2);
  });
});
