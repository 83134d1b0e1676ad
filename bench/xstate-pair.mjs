// The paired model as a TypeScript user would explore it with XState v5 and
// @xstate/graph: one machine whose context is the pair state and whose events
// are the steps; the guards and effects come from fsmkit's own stepper, so
// both sides explore exactly the same graph and only the traversal differs.
import { getAdjacencyMap } from '@xstate/graph';
import { assign, createMachine } from 'xstate';
import { initialPair, PAIR_WIDTH } from '../dist/explore/pair-codec.js';
import { PairStepper } from '../dist/explore/pair-stepper.js';
import { stepTable } from '../dist/explore/steps.js';

/** Explores the pair of one configuration with @xstate/graph; returns the number of states found. */
export function exploreWithXState(model, config) {
  const stepper = new PairStepper(model);
  const steps = stepTable(model, config);
  const next = new Int32Array(PAIR_WIDTH);
  const apply = (pair, id) => (stepper.apply(steps[id], Int32Array.from(pair), next) ? [...next] : undefined);
  const machine = createMachine({
    id: 'pair',
    context: { pair: [...initialPair(model)] },
    on: {
      step: {
        guard: ({ context, event }) => apply(context.pair, event.id) !== undefined,
        actions: assign({ pair: ({ context, event }) => apply(context.pair, event.id) }),
      },
    },
  });
  const events = steps.map((s) => ({ type: 'step', id: s.id }));
  const map = getAdjacencyMap(machine, { events, serializeState: (snapshot) => JSON.stringify(snapshot.context.pair) });
  return Object.keys(map).length;
}
