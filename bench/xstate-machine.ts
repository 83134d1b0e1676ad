import { createMachine } from 'xstate';
import { EVENTS, type EventName, RULES, type Rule, STATES, type StateName, type TransitionContext } from '../generated/fsm-validator.js';

/** An XState event carrying what the generated validator calls the context. */
export type FailoverEvent = Omit<TransitionContext, 'partner' | 'memory'> & { type: EventName; partner?: StateName; memory?: StateName };

function linkMatches(required: Rule['link'], actual: TransitionContext['link']): boolean {
  if (actual === undefined || required === 'any') return true;
  if (required === 'ok') return actual === 'ok';
  if (required === 'up') return actual !== 'down';
  return actual !== 'ok';
}

/** The same guards as the validator's, written as an XState user would: one function per transition. */
function guardFor(rule: Rule) {
  return ({ event }: { event: FailoverEvent }) =>
    (rule.role === null || rule.role === event.role) &&
    linkMatches(rule.link, event.link) &&
    (rule.flag === null || event.flag === undefined || rule.flag === event.flag) &&
    (rule.partnerShowsMemory === null || event.partnerShowsMemory === undefined || rule.partnerShowsMemory === event.partnerShowsMemory) &&
    (rule.partner === null || event.partner === undefined || (rule.partner as readonly string[]).includes(event.partner) !== rule.partnerExcept) &&
    (event.partnerRunning === undefined ||
      ((rule.partnerRunning === null || rule.partnerRunning === event.partnerRunning) &&
        (EVENTS[event.type].partnerRunning === null || EVENTS[event.type].partnerRunning === event.partnerRunning)));
}

/**
 * One failover server as an XState v5 machine built from the same table: a
 * state node per state, the rules as guarded transitions per event. Rules
 * that return to the remembered state become one guarded transition per
 * possible target.
 */
export function buildXStateMachine() {
  const states: Record<string, { on: Record<string, { target: string; guard: ReturnType<typeof guardFor> }[]> }> = {};
  for (const state of STATES) states[state] = { on: {} };
  for (const rule of RULES as readonly Rule[]) {
    for (const from of rule.from) {
      for (const event of rule.on) {
        const targets = rule.to === '@memory' ? (STATES as readonly StateName[]) : [rule.to];
        for (const target of targets) {
          const guard = guardFor(rule);
          const withMemory = rule.to === '@memory' ? ({ event: e }: { event: FailoverEvent }) => e.memory === target && guard({ event: e }) : guard;
          const on = (states[from] as (typeof states)[string]).on;
          on[event] = [...(on[event] ?? []), { target, guard: withMemory }];
        }
      }
    }
  }
  return createMachine({ id: 'failover', initial: 'INIT', states } as never);
}
