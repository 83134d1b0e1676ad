// One side of the K = 1 comparison, alone in its process: `node bench/k1-side.mjs
// fsmkit|xstate CONFIGURATION` prints {"states":N,"ms":M}, the fastest of at
// least 3 runs and half a second of runs. Each side runs in a process of its
// own because the XState side drives fsmkit's pair stepper too: in one process
// whichever side ran last would have trained the just-in-time compiler on
// the stepper for the other.
import { explore, loadSpec, resolveConfiguration } from 'fsmkit';
import { exploreWithXState } from './xstate-pair.mjs';

const [side, name] = process.argv.slice(2);
const { model } = await loadSpec(new URL('../spec/dhcpv4-failover.yaml', import.meta.url).pathname);
const config = model && resolveConfiguration(model, name);
if (!config || !['fsmkit', 'xstate'].includes(side)) {
  process.stderr.write('usage: node bench/k1-side.mjs fsmkit|xstate CONFIGURATION\n');
  process.exit(2);
}
const work = side === 'fsmkit' ? () => explore(model, config, { relationships: 1, symmetry: true }).states.size : () => exploreWithXState(model, config);

let best = Number.POSITIVE_INFINITY;
let states = 0;
const budgetStart = performance.now();
for (let i = 0; i < 3 || performance.now() - budgetStart < 500; i++) {
  const started = performance.now();
  states = work();
  best = Math.min(best, performance.now() - started);
}
process.stdout.write(`${JSON.stringify({ states, ms: best })}\n`);
