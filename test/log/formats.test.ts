import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readEnvelope, YearClock } from '../../src/log/envelope.js';
import { sanitize } from '../../src/log/sanitize.js';
import { check, classes, fixture } from './log-helpers.js';

// The legal reintegration of fixture reintegration.log, one message per move.
const messages = fixture('reintegration.log')
  .trimEnd()
  .split('\n')
  .map((line) => line.replace(/^Nov 28 (\S+) dhcp1 dhcpd\[1201\]: /, ''));
const times = fixture('reintegration.log')
  .trimEnd()
  .split('\n')
  .map((line) => `2026-11-28T${line.slice(7, 15)}.000000Z`);

describe('log formats (point 9)', () => {
  const wrap: [string, (message: string, i: number) => string][] = [
    ['RFC 5424', (m, i) => `<30>1 ${times[i]} dhcp1 dhcpd 1201 - - ${m}`],
    ['RFC 5424 with structured data', (m, i) => `<30>1 ${times[i]} dhcp1 dhcpd 1201 - [origin ip="10.0.0.1"][meta sequenceId="${i}"] ${m}`],
    [
      'journald -o json',
      (m, i) =>
        JSON.stringify({
          __REALTIME_TIMESTAMP: String(Date.parse(times[i] as string) * 1000),
          _HOSTNAME: 'dhcp1',
          SYSLOG_IDENTIFIER: 'dhcpd',
          _PID: '1201',
          MESSAGE: m,
        }),
    ],
    ['Docker json-file', (m, i) => JSON.stringify({ log: `${m}\n`, stream: 'stderr', time: times[i] })],
    ['rsyslog ISO 8601 file format', (m, i) => `${(times[i] as string).replace('Z', '+00:00')} dhcp1 dhcpd[1201]: ${m}`],
    ['dhcpd in the foreground (no envelope)', (m) => m],
  ];

  it.each(wrap)('reads %s like the traditional syslog', async (_name, format) => {
    const report = await check(messages.map(format).join('\n'));
    expect(report.findings).toEqual([]);
    expect(report.moves).toBe(9);
    expect(report.relationships[0]?.statesVisited).toEqual(['STARTUP', 'NORMAL', 'RECOVER', 'RECOVER_WAIT', 'RECOVER_DONE']);
  });

  it('reads a journald MESSAGE written as bytes (not valid UTF-8)', () => {
    const bytes = [...Buffer.from('failover peer lan: I move from normal to startup'), 0xff];
    const envelope = readEnvelope(JSON.stringify({ MESSAGE: bytes, _HOSTNAME: 'dhcp1', __REALTIME_TIMESTAMP: '1795860001000000' }), 'auto', new YearClock());
    expect(envelope).toMatchObject({ host: 'dhcp1', time: 1795860001000 });
    expect(envelope.message.startsWith('failover peer lan: I move from normal to startup')).toBe(true);
  });

  it('names the host from the envelope and reads the time', () => {
    const clock = new YearClock();
    expect(readEnvelope('<30>1 2026-11-28T10:00:01Z dhcp2 dhcpd 99 - - hello', 'auto', clock)).toEqual({
      time: Date.parse('2026-11-28T10:00:01Z'),
      host: 'dhcp2',
      message: 'hello',
    });
    const dec = readEnvelope('Dec 31 23:59:59 dhcp1 dhcpd[1]: a', 'auto', clock).time as number;
    const jan = readEnvelope('Jan  1 00:00:01 dhcp1 dhcpd[1]: b', 'auto', clock).time as number;
    expect(jan).toBeGreaterThan(dec);
  });

  it('reads rsyslog\'s "message repeated N times" as repeats, not as moves', async () => {
    const log = [
      'Nov 28 10:00:00 dhcp1 dhcpd[1201]: failover peer lan: peer moves from normal to normal',
      'Nov 28 10:00:30 dhcp1 dhcpd[1201]: message repeated 3 times: [ failover peer lan: peer moves from normal to normal]',
      'Nov 28 10:01:00 dhcp1 dhcpd[1201]: failover peer lan: I move from normal to communications-interrupted',
    ].join('\n');
    const report = await check(log);
    expect(report.findings).toEqual([]);
    expect(report.relationships[0]).toMatchObject({ repeats: 5, moves: 1 });
  });

  it('reads fsmkit JSONL with state names or aliases', async () => {
    const jsonl = [
      '{"peer":"p","who":"local","from":"NORMAL","to":"COMMUNICATION_INT"}',
      '{"peer":"p","who":"partner","to":"communications-interrupted"}',
      '',
      '{"peer":"p","who":"local","to":"RECOVER_DONE"}',
      'not json',
    ].join('\n');
    expect(classes(await check(jsonl, { format: 'jsonl' }))).toEqual([
      [4, 'violation'],
      [5, 'malformed'],
    ]);
  });

  it('reads CR LF and gzip input the same as plain LF', async () => {
    const plain = await check(fixture('illegal.log'));
    const crlf = await check(fixture('illegal.log').replace(/\n/g, '\r\n'));
    const gzip = await check(gzipSync(fixture('illegal.log')));
    expect(classes(crlf)).toEqual(classes(plain));
    expect(gzip.findings.map((f) => f.message)).toEqual(plain.findings.map((f) => f.message));
  });
});

describe('bounded and safe (point 13)', () => {
  it('caps the relationships it follows and counts the rest', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `failover peer p${i}: I move from normal to communications-interrupted`);
    const report = await check(lines.join('\n'), { maxRelationships: 1000 });
    expect(report.relationships).toHaveLength(1000);
    expect(report.untracked).toBe(2000);
    expect(report.findings.filter((f) => f.class === 'untracked')).toHaveLength(1);
  });

  it('skips and reports a line over the cap inside a gzip without holding it', async () => {
    const huge = `Nov 28 10:00:00 dhcp1 dhcpd[1201]: failover peer lan: ${'x'.repeat(20_000_000)}\n`;
    const log = gzipSync(Buffer.concat([Buffer.from(huge), Buffer.from(`${fixture('illegal.log')}`)]));
    const report = await check(log, { maxLineLength: 4096 });
    expect(classes(report)[0]).toEqual([1, 'overlong']);
    expect(report.findings[0]?.message).toContain('over the cap of 4096');
    expect(report.violations).toBe(2);
    expect(report.lines).toBe(9);
  });

  it('never echoes control characters or terminal escapes from the log', async () => {
    const evil = 'Nov 28 10:00:00 dhcp1 dhcpd[1201]: failover peer \u001b]0;pwned\u0007lan\u009b2J: I move from normal to sleeping\u001b[2K';
    const report = await check(evil);
    const text = JSON.stringify(report);
    expect(report.malformed).toBe(1);
    expect(report.findings[0]?.text).toContain('\\x1b]0;pwned\\x07lan\\x9b2J');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(/[\u0000-\u001f\u007f-\u009f]/.test(report.findings.map((f) => f.text + f.message + (f.peer ?? '')).join(''))).toBe(false);
    expect(text).not.toContain('\\u001b');
    expect(sanitize('a\u202eb\tc')).toBe('a\\u202eb\\x09c');
  });
});
