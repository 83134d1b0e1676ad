import { describe, expect, it } from 'vitest';
import { check, classes, fixture, isc } from './log-helpers.js';

const withProfile = { profile: 'isc-dhcpd' };

describe('leaving STARTUP is judged against the remembered state (point 1)', () => {
  it('a restart from RECOVER straight to NORMAL is a violation, with and without the profile', async () => {
    for (const options of [{}, withProfile]) {
      const report = await check(fixture('restart-recover-to-normal.log'), options);
      expect(classes(report)).toEqual([[4, 'violation']]);
      const [f] = report.findings;
      expect(f).toMatchObject({ from: 'STARTUP', to: 'NORMAL', memory: ['RECOVER'], rule: 'startup-resume', section: '9.3.2', partnerState: 'NORMAL' });
      expect(f?.condition).toContain('returns to the remembered state (RECOVER), not to NORMAL');
      expect(f?.departure).toBeUndefined();
    }
  });

  it('a restart that resumes its remembered state is legal', async () => {
    expect((await check(fixture('reintegration.log'))).findings).toEqual([]);
  });

  it('a restart from NORMAL that resumes NORMAL is two draft steps logged as one: accepted only with the profile', async () => {
    const log = [
      isc('10:00:00', 'dhcp1', 'lan', 'I move from normal to startup'),
      isc('10:00:02', 'dhcp1', 'lan', 'peer moves from unknown-state to normal'),
      isc('10:00:02', 'dhcp1', 'lan', 'I move from startup to normal'),
    ].join('\n');
    const draft = await check(log);
    expect(classes(draft)).toEqual([[3, 'violation']]);
    expect(draft.findings[0]?.departure).toMatchObject({ profile: 'isc-dhcpd', id: 'merged-steps' });
    expect(draft.findings[0]?.departure?.evidence).toContain('STARTUP -> COMMUNICATION_INT -> NORMAL');
    const profiled = await check(log, withProfile);
    expect(profiled.findings).toEqual([]);
    expect(profiled.accepted).toBe(1);
  });
});

describe('profile departures are exact (point 2)', () => {
  it('COMMUNICATIONS-INTERRUPTED to POTENTIAL-CONFLICT beside a NORMAL partner stays a violation with the profile', async () => {
    for (const options of [{}, withProfile]) {
      const report = await check(fixture('comm-int-to-conflict.log'), options);
      expect(classes(report)).toEqual([[3, 'violation']]);
      expect(report.findings[0]).toMatchObject({ rule: 'comm-int-to-conflict', partnerState: 'NORMAL', section: '9.9.3' });
      expect(report.findings[0]?.condition).toContain('needs a partner in PARTNER_DOWN');
    }
  });

  it.each([
    ['NORMAL to RECOVER', ['I move from normal to recover']],
    ['RECOVER-WAIT to NORMAL', ['I move from recover to recover-wait', 'I move from recover-wait to normal']],
  ])('%s is no merged step for a server that has not restarted', async (_name, moves) => {
    const log = [isc('10:00:00', 'dhcp1', 'lan', 'peer moves from unknown-state to normal'), ...moves.map((m) => isc('10:00:01', 'dhcp1', 'lan', m))].join(
      '\n',
    );
    const report = await check(log, withProfile);
    expect(report.violations).toBe(1);
    expect(report.findings.find((f) => f.class === 'violation')?.departure).toBeUndefined();
  });

  it('a departure applies only beside the partner state it names', async () => {
    const move = (partner: string) =>
      [
        isc('10:00:00', 'dhcp1', 'lan', `peer moves from normal to ${partner}`),
        isc('10:00:00', 'dhcp1', 'lan', 'I move from normal to potential-conflict'),
      ].join('\n');
    expect((await check(move('partner-down'), withProfile)).findings).toEqual([]);
    expect((await check(move('partner-down'))).findings[0]?.departure?.id).toBe('isc-normal-peer-partner-down');
    expect((await check(move('communications-interrupted'), withProfile)).violations).toBe(1);
  });
});

describe("the partner's own words (point 4)", () => {
  it('a "peer moves from X" that is not where the partner was last seen is a gap, judged from X', async () => {
    const lines = [
      isc('10:00:00', 'dhcp1', 'lan', 'peer moves from normal to communications-interrupted'),
      isc('10:30:00', 'dhcp1', 'lan', 'peer moves from partner-down to potential-conflict'),
    ];
    const report = await check(lines.join('\n'));
    expect(classes(report)).toEqual([[2, 'gap']]);
    expect(report.findings[0]).toMatchObject({ actor: 'partner', text: lines[1] });
    expect(report.findings[0]?.message).toContain('last seen in COMMUNICATION_INT');
    expect(report.gaps).toBe(1);
    expect(report.violations).toBe(0);
  });

  it('an illegal partner move is judged from the state the line names', async () => {
    const report = await check(fixture('illegal.log'));
    expect(classes(report)).toEqual([
      [5, 'violation'],
      [6, 'violation'],
      [7, 'malformed'],
      [8, 'malformed'],
    ]);
    expect(report.findings[1]).toMatchObject({ actor: 'partner', from: 'RECOVER', to: 'CONFLICT_DONE', role: 'primary', partnerState: 'NORMAL' });
  });
});

describe('stops and restarts (point 5)', () => {
  it('a partner that comes back from SHUTDOWN through STARTUP is a legal restart', async () => {
    const log = [
      isc('10:00:00', 'dhcp1', 'lan', 'peer moves from normal to shutdown'),
      isc('10:00:00', 'dhcp1', 'lan', 'I move from normal to partner-down'),
      isc('10:20:00', 'dhcp1', 'lan', 'peer moves from shutdown to recover'),
      isc('10:20:01', 'dhcp1', 'lan', 'peer moves from recover to recover-wait'),
    ].join('\n');
    const report = await check(log);
    expect(report.findings).toEqual([]);
    expect(report.moves).toBe(4);
  });

  it('a partner that comes back from PAUSED shows its remembered state', async () => {
    const log = [
      isc('10:00:00', 'dhcp1', 'lan', 'peer moves from normal to paused'),
      isc('10:00:00', 'dhcp1', 'lan', 'I move from normal to communications-interrupted'),
      isc('10:05:00', 'dhcp1', 'lan', 'peer moves from paused to communications-interrupted'),
    ].join('\n');
    expect((await check(log)).findings).toEqual([]);
  });

  it("ISC's own move from SHUTDOWN to RECOVER as it stops is a departure with its evidence", async () => {
    const log = [
      isc('10:00:00', 'dhcp2', 'lan', 'I move from normal to shutdown', 877),
      isc('10:00:00', 'dhcp2', 'lan', 'peer moves from normal to partner-down', 877),
      isc('10:00:05', 'dhcp2', 'lan', 'I move from shutdown to recover', 877),
      isc('10:20:00', 'dhcp2', 'lan', 'I move from recover to startup', 912),
      isc('10:20:02', 'dhcp2', 'lan', 'peer moves from unknown-state to partner-down', 912),
      isc('10:20:02', 'dhcp2', 'lan', 'I move from startup to recover', 912),
    ].join('\n');
    const draft = await check(log);
    expect(classes(draft)).toEqual([[3, 'violation']]);
    expect(draft.findings[0]?.departure).toMatchObject({ id: 'isc-shutdown-recover-on-exit' });
    expect(draft.findings[0]?.departure?.evidence).toContain('dhcp_io_shutdown_countdown');
    const profiled = await check(log, withProfile);
    expect(profiled.findings).toEqual([]);
    expect(profiled.accepted).toBe(1);
  });
});

describe('one mistake, one finding (point 7)', () => {
  it('after a violation judging goes on from the state the line reached', async () => {
    const log = [
      isc('10:00:00', 'dhcp1', 'lan', 'I move from normal to communications-interrupted'),
      isc('10:00:01', 'dhcp1', 'lan', 'I move from communications-interrupted to recover-done'),
      isc('10:00:02', 'dhcp1', 'lan', 'peer moves from unknown-state to normal'),
      isc('10:00:02', 'dhcp1', 'lan', 'I move from recover-done to normal'),
      isc('10:00:03', 'dhcp1', 'lan', 'I move from normal to communications-interrupted'),
    ].join('\n');
    const report = await check(log);
    expect(classes(report)).toEqual([[2, 'violation']]);
  });
});
