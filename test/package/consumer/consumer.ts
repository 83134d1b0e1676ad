// A project that installed the fsmkit tarball and uses the bundled spec's
// generated artifacts through the package's subpaths, as its README shows.
// The pack test type-checks it (strict, nodenext) and runs it; it exits
// non-zero, naming what is wrong, when any subpath lets it down.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { canTransition, FsmState, type nextStates, type StateName, stateName } from 'fsmkit/dhcpv4-failover';
import machine from 'fsmkit/dhcpv4-failover/machine.json' with { type: 'json' };
import vectors from 'fsmkit/dhcpv4-failover/vectors.json' with { type: 'json' };
import { type MachineEvent, primaryMachine, type State, secondaryMachine } from 'fsmkit/dhcpv4-failover/xstate';
import { formatReport, runVectors, type VectorAdapter, type VectorFile } from 'fsmkit/testing';
import { createActor } from 'xstate';

const problems: string[] = [];
const expect = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
};

// The enum and the validator, from one module.
expect(FsmState.NORMAL === 3, `FsmState.NORMAL is ${FsmState.NORMAL}, not the Windows value 3`);
expect(stateName(FsmState.PARTNER_DOWN) === 'PARTNER_DOWN', 'stateName(FsmState.PARTNER_DOWN) is not PARTNER_DOWN');
const lost = canTransition(FsmState.NORMAL, FsmState.COMMUNICATION_INT, { role: 'primary', event: 'link-lost', link: 'down' });
expect(lost.legal && lost.rules.length > 0, 'NORMAL -> COMMUNICATION_INT on link-lost is not legal');
expect(!canTransition(FsmState.NORMAL, FsmState.RECOVER, { role: 'primary', link: 'ok' }).legal, 'NORMAL -> RECOVER is legal');

// The C header, found where the package serves it.
const header = fileURLToPath(import.meta.resolve('fsmkit/dhcpv4-failover/fsm_state.h'));
expect(existsSync(header) && readFileSync(header, 'utf8').includes('FSM_STATE'), `${header} is missing or has no FSM_STATE`);

// The machine JSON, whose $schema points at the schema shipped beside it.
const machineUrl = import.meta.resolve('fsmkit/dhcpv4-failover/machine.json');
expect(existsSync(fileURLToPath(new URL(machine.$schema, machineUrl))), `the machine's $schema ${machine.$schema} is not in the package`);

// The vectors: every step a rule decides is a move the validator allows by that rule.
const file = vectors as VectorFile;
let ruleSteps = 0;
for (const vector of file.vectors) {
  let at = vector.start;
  for (const step of vector.steps) {
    if (step.rule !== null && step.expect.state !== at.state) {
      ruleSteps++;
      const verdict = canTransition(at.state as StateName, step.expect.state as StateName, {
        role: vector.role as 'primary' | 'secondary',
        event: step.input.event as Parameters<typeof nextStates>[1]['event'],
        partner: step.input.partner as StateName,
        partnerShowsMemory: step.input.partnerStartup,
        link: step.input.link,
        flag: at.flag,
        ...(at.previous !== null && { memory: at.previous as StateName }),
      });
      expect(
        verdict.rules.some((m) => m.rule.id === step.rule),
        `${vector.id} step ${step.rule}: the validator does not allow it by that rule`,
      );
    }
    at = step.expect;
  }
}
expect(ruleSteps > 0, 'no vector step is decided by a rule');

// The XState machine of each role passes the vectors through the harness.
type Machine = typeof primaryMachine;
let actor: ReturnType<typeof createActor<Machine>> | undefined;
const xstate: VectorAdapter = {
  reset: (start) => {
    const chosen = start.role === 'primary' ? primaryMachine : (secondaryMachine as unknown as Machine);
    const snapshot = chosen.resolveState({ value: start.state, context: { previous: start.previous as State | null, flag: start.flag } });
    actor = createActor(chosen, { snapshot }).start();
  },
  apply: (input) => {
    const event = { type: input.event, partner: input.partner, partnerStartup: input.partnerStartup, link: input.link, watch: input.watch };
    actor?.send(event as MachineEvent);
  },
  state: () => {
    const s = actor?.getSnapshot();
    return { state: String(s?.value), previous: s?.context.previous ?? null, flag: s?.context.flag ?? false };
  },
};
const report = await runVectors(file, xstate);
expect(report.failures.length === 0 && report.passed === file.vectors.length, formatReport(report));

if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`ok: ${report.passed} vectors, ${report.steps} steps, ${ruleSteps} rule steps checked by the validator\n`);
}
