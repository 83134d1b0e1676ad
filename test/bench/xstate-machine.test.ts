import { describe, expect, it } from 'vitest';
import { getNextSnapshot } from 'xstate';
import { buildXStateMachine, type FailoverEvent } from '../../bench/xstate-machine.js';
import { canTransition, RULES, STATE_INFO, STATES, type StateName, type TransitionContext } from '../../generated/fsm-validator.js';

// The benchmark compares fsmkit with XState only if both answer the same.
describe('the XState peer of the benchmark', () => {
  const machine = buildXStateMachine();

  it('agrees with the generated validator on every rule, legal and illegal target alike', () => {
    for (const rule of RULES) {
      if (rule.from[0] === rule.to) continue;
      const from = rule.from[0] as StateName;
      const ctx: TransitionContext & { type: FailoverEvent['type']; memory?: StateName } = {
        role: rule.role ?? 'primary',
        type: rule.on[0] as FailoverEvent['type'],
      };
      if (rule.link !== 'any') ctx.link = rule.link;
      if (rule.partner && !rule.partnerExcept) ctx.partner = rule.partner[0] as StateName;
      // An "except" guard gets a running partner state outside the list, so no other rule matches by accident.
      if (rule.partner && rule.partnerExcept) ctx.partner = STATES.find((s) => STATE_INFO[s].running && !(rule.partner as readonly string[]).includes(s));
      if (rule.flag === null && (rule.from as readonly string[]).includes('STARTUP')) ctx.flag = false;
      if (rule.flag !== null) ctx.flag = rule.flag;
      if (rule.partnerShowsMemory !== null) ctx.partnerShowsMemory = rule.partnerShowsMemory;
      if (rule.to === '@memory') ctx.memory = 'COMMUNICATION_INT';
      const to = rule.to === '@memory' ? 'COMMUNICATION_INT' : rule.to;
      const next = getNextSnapshot(machine, machine.resolveState({ value: from } as never) as never, ctx as never) as { value: string };
      expect(next.value, rule.id).toBe(to);
      expect(canTransition(from, to, { ...ctx, event: ctx.type }).legal, rule.id).toBe(true);
    }
  });
});
