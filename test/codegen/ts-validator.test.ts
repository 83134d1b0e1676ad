import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  checkTrace,
  EVENTS,
  nextStates,
  type ObservedStep,
  ROLES,
  RULES,
  type Rule,
  STATE_INFO,
  STATE_VALUES,
  STATES,
  type StateName,
  stateName,
  type TransitionContext,
} from '../../generated/fsm-validator.js';
import { REINTEGRATION } from '../fixtures/traces/reintegration.js';
import { typeCheck } from '../helpers/compile-ts.js';
import { repoPath } from '../helpers/paths.js';

/** A context in which `rule` applies, built from its own guards. */
function contextFor(rule: Rule): TransitionContext & { from: StateName } {
  const from = rule.from[0] as StateName;
  const role = rule.role ?? ROLES.find((r) => (STATE_INFO[from].roles as readonly string[]).includes(r)) ?? 'primary';
  const ctx: TransitionContext & { from: StateName } = { from, role, event: rule.on[0] };
  if (rule.link !== 'any') ctx.link = rule.link === 'up' ? 'up' : rule.link;
  if (rule.partner) {
    const pick = rule.partnerExcept ? STATES.find((s) => !(rule.partner as readonly string[]).includes(s) && STATE_INFO[s].running) : rule.partner[0];
    if (pick) ctx.partner = pick;
  }
  if (rule.partnerShowsMemory !== null) ctx.partnerShowsMemory = rule.partnerShowsMemory;
  if (rule.flag !== null) ctx.flag = rule.flag;
  const event = EVENTS[rule.on[0] as keyof typeof EVENTS];
  if (rule.partnerRunning !== null) ctx.partnerRunning = rule.partnerRunning;
  else if (event.partnerRunning !== null) ctx.partnerRunning = event.partnerRunning;
  if (rule.to === '@memory') ctx.memory = 'COMMUNICATION_INT';
  return ctx;
}

describe('the generated validator', () => {
  it('allows every rule of the spec in the situation the rule describes', () => {
    for (const rule of RULES) {
      const { from, ...ctx } = contextFor(rule);
      const to = rule.to === '@memory' ? 'COMMUNICATION_INT' : rule.to;
      const verdict = canTransition(from, to, ctx);
      expect(verdict.legal, rule.id).toBe(true);
      if (from !== to)
        expect(
          verdict.rules.map((m) => m.rule.id),
          rule.id,
        ).toContain(rule.id);
      expect(verdict.rules.every((m) => m.rule.ref !== null)).toBe(true);
    }
  });

  it('never lets a secondary enter CONFLICT_DONE (9.12.1)', () => {
    for (const from of STATES) {
      for (const partner of STATES) {
        for (const link of ['ok', 'up', 'down'] as const) {
          const moves = nextStates(from, { role: 'secondary', partner, link }).map((m) => m.to);
          expect(moves).not.toContain('CONFLICT_DONE');
        }
      }
    }
    expect(
      canTransition('POTENTIAL_CONFLICT', 'CONFLICT_DONE', { role: 'primary', partner: 'POTENTIAL_CONFLICT', link: 'ok', event: 'update-done' }).legal,
    ).toBe(true);
  });

  it('moves PARTNER_DOWN to NORMAL only with the partner in RECOVER_DONE (9.4.3)', () => {
    const partners = STATES.filter(
      (p) => canTransition('PARTNER_DOWN', 'NORMAL', { role: 'primary', partner: p, link: 'ok', partnerShowsMemory: false }).legal,
    );
    expect(partners).toEqual(['RECOVER_DONE']);
  });

  it('lets RECOVER_WAIT leave only for RECOVER_DONE by the protocol (9.6.2)', () => {
    const protocolTargets = new Set(
      nextStates('RECOVER_WAIT', { role: 'primary' })
        .filter((m) => m.rule.kind === 'protocol')
        .map((m) => m.to),
    );
    expect([...protocolTargets]).toEqual(['RECOVER_DONE']);
  });

  it('ignores a partner still in STARTUP while in PARTNER_DOWN (9.4.3)', () => {
    const moves = nextStates('PARTNER_DOWN', { role: 'primary', partner: 'NORMAL', partnerShowsMemory: true, link: 'ok', event: 'partner-state' });
    expect(moves.map((m) => m.to)).toEqual(['PARTNER_DOWN']);
  });

  it('accepts a legal reintegration and rejects an illegal jump with the legal moves', () => {
    const legal: ObservedStep[] = REINTEGRATION;
    expect(checkTrace(legal, { role: 'primary', local: 'INIT', partner: 'INIT' })).toEqual({ ok: true, checked: 10 });

    const illegal = checkTrace([...legal.slice(0, 5), { who: 'local', to: 'NORMAL', link: 'ok' }], { role: 'primary', local: 'INIT', partner: 'INIT' });
    expect(illegal.ok).toBe(false);
    if (illegal.ok) return;
    expect(illegal.index).toBe(5);
    expect(illegal.from).toBe('RECOVER_WAIT');
    expect(illegal.reason).toContain('from RECOVER_WAIT to NORMAL');
    expect(illegal.legal.map((m) => m.to)).toContain('RECOVER_DONE');
  });

  it('makes an illegal literal transition a compile error', () => {
    const source = readFileSync(repoPath('generated/fsm-validator.ts'), 'utf8');
    const use = [
      'import { transition, type LegalTransition } from "./fsm-validator";',
      'export const ok = transition("RECOVER", "RECOVER_WAIT");',
      'export const pair: LegalTransition = ["PARTNER_DOWN", "NORMAL"];',
      '// @ts-expect-error RECOVER_WAIT never goes straight to NORMAL',
      'export const bad = transition("RECOVER_WAIT", "NORMAL");',
      '// @ts-expect-error a secondary-only path does not exist either',
      'export const bad2: LegalTransition = ["NORMAL", "CONFLICT_DONE"];',
    ].join('\n');
    expect(typeCheck({ '/gen/fsm-validator.ts': source, '/gen/use.ts': use })).toEqual([]);
  });
});

describe('the validator and the enum fit together', () => {
  it('take an enum member wherever they take a state name, and answer with names', async () => {
    const { FsmState } = await import('../../generated/fsm-state.js');
    const byName = canTransition('NORMAL', 'COMMUNICATION_INT', { role: 'primary', link: 'down', event: 'link-lost' });
    const byValue = canTransition(FsmState.NORMAL, FsmState.COMMUNICATION_INT, { role: 'primary', link: 'down', event: 'link-lost' });
    expect(byValue).toEqual(byName);
    expect(byValue.legal).toBe(true);
    expect(canTransition(FsmState.RECOVER_WAIT, FsmState.NORMAL, { role: 'primary', partner: FsmState.NORMAL }).legal).toBe(false);
    expect(nextStates(FsmState.STARTUP, { role: 'primary', link: 'ok', partner: FsmState.NORMAL, memory: FsmState.RECOVER }).map((m) => m.to)).toContain(
      'RECOVER',
    );
    const trace = checkTrace([{ who: 'local', to: FsmState.STARTUP }], { role: 'primary', local: FsmState.INIT });
    expect(trace).toEqual({ ok: true, checked: 1 });
  });

  it('refuses a number or name that is no state, naming it', () => {
    expect(() => canTransition(99 as never, 'NORMAL', { role: 'primary' })).toThrow(new RangeError('not a state of this machine: 99'));
    expect(() => nextStates('NORMLA' as never, { role: 'primary' })).toThrow('not a state of this machine: "NORMLA"');
    expect(stateName(3)).toBe('NORMAL');
    expect(STATE_VALUES.NORMAL).toBe(3);
  });

  it('compile with the enum: canTransition(FsmState.NORMAL, ...) is no type error, a wrong number is', () => {
    const use = [
      'import { FsmState } from "./fsm-state";',
      'import { canTransition, nextStates } from "./fsm-validator";',
      'export const a = canTransition(FsmState.NORMAL, FsmState.COMMUNICATION_INT, { role: "primary", partner: FsmState.RECOVER });',
      'export const b = canTransition("NORMAL", FsmState.PARTNER_DOWN, { role: "secondary", memory: "RECOVER" });',
      'export const c = nextStates(FsmState.STARTUP, { role: "primary" });',
      '// @ts-expect-error 42 is no value of FsmState',
      'export const bad = canTransition(42, "NORMAL", { role: "primary" });',
    ].join('\n');
    const files = {
      '/gen/fsm-state.ts': readFileSync(repoPath('generated/fsm-state.ts'), 'utf8'),
      '/gen/fsm-validator.ts': readFileSync(repoPath('generated/fsm-validator.ts'), 'utf8'),
      '/gen/use.ts': use,
    };
    expect(typeCheck(files)).toEqual([]);
  });
});
