import { bench, describe } from 'vitest';
import { getNextSnapshot } from 'xstate';
import { canTransition, checkTrace, type ObservedStep, RULES, type StateName, type TransitionContext } from '../generated/fsm-validator.js';
import { REINTEGRATION } from '../test/fixtures/traces/reintegration.js';
import { buildXStateMachine, type FailoverEvent } from './xstate-machine.js';

// One workload for both: every rule of the table asked in the situation it
// describes, plus the same situations asked about an illegal target.
const queries: { from: StateName; to: StateName; ctx: TransitionContext & { event: FailoverEvent['type'] } }[] = [];
for (const rule of RULES) {
  const from = rule.from[0] as StateName;
  const ctx: TransitionContext & { event: FailoverEvent['type'] } = { role: rule.role ?? 'primary', event: rule.on[0] as FailoverEvent['type'] };
  if (rule.link !== 'any') ctx.link = rule.link;
  if (rule.partner && !rule.partnerExcept) ctx.partner = rule.partner[0] as StateName;
  if (rule.flag !== null) ctx.flag = rule.flag;
  if (rule.partnerShowsMemory !== null) ctx.partnerShowsMemory = rule.partnerShowsMemory;
  const to = rule.to === '@memory' ? 'COMMUNICATION_INT' : rule.to;
  if (rule.to === '@memory') ctx.memory = 'COMMUNICATION_INT';
  queries.push({ from, to, ctx }, { from, to: 'CONFLICT_DONE', ctx });
}

const machine = buildXStateMachine();
const snapshots = new Map<StateName, ReturnType<typeof machine.resolveState>>();
for (const q of queries) if (!snapshots.has(q.from)) snapshots.set(q.from, machine.resolveState({ value: q.from } as never));

// A reintegration seen from the primary, repeated: the trace workload.
const round: ObservedStep[] = REINTEGRATION;
const xstateRound: { snapshotOf: 'local' | 'partner'; event: FailoverEvent }[] = [
  { snapshotOf: 'local', event: { type: 'start', role: 'primary' } },
  { snapshotOf: 'partner', event: { type: 'start', role: 'secondary' } },
  { snapshotOf: 'local', event: { type: 'partner-state', role: 'primary', link: 'ok', partnerShowsMemory: true, memory: 'RECOVER' } },
  { snapshotOf: 'partner', event: { type: 'partner-state', role: 'secondary', link: 'ok', partner: 'RECOVER', memory: 'RECOVER' } },
  { snapshotOf: 'local', event: { type: 'update-done', role: 'primary', link: 'ok', partner: 'RECOVER', partnerShowsMemory: false } },
  { snapshotOf: 'local', event: { type: 'mclt-expired', role: 'primary' } },
  { snapshotOf: 'partner', event: { type: 'update-done', role: 'secondary', link: 'ok', partner: 'RECOVER_DONE', partnerShowsMemory: false } },
  { snapshotOf: 'partner', event: { type: 'mclt-expired', role: 'secondary' } },
  { snapshotOf: 'local', event: { type: 'partner-state', role: 'primary', link: 'ok', partner: 'RECOVER_DONE' } },
  { snapshotOf: 'partner', event: { type: 'partner-state', role: 'secondary', link: 'ok', partner: 'NORMAL' } },
];
const initial = machine.resolveState({ value: 'INIT' } as never);

describe('judge one move (92 queries per iteration)', () => {
  bench('fsmkit canTransition', () => {
    for (const q of queries) canTransition(q.from, q.to, q.ctx);
  });
  bench('xstate getNextSnapshot', () => {
    for (const q of queries) {
      const next = getNextSnapshot(machine, snapshots.get(q.from) as never, { ...q.ctx, type: q.ctx.event } as never);
      void (next.value === q.to);
    }
  });
});

describe('follow a reintegration of both servers (10 steps per iteration)', () => {
  bench('fsmkit checkTrace', () => {
    checkTrace(round, { role: 'primary', local: 'INIT', partner: 'INIT' });
  });
  bench('xstate getNextSnapshot, two actors', () => {
    let local = initial;
    let partner = initial;
    for (const { snapshotOf, event } of xstateRound) {
      if (snapshotOf === 'local') local = getNextSnapshot(machine, local as never, event as never) as never;
      else partner = getNextSnapshot(machine, partner as never, event as never) as never;
    }
  });
});
