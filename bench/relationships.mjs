// K relationships side by side: fsmkit against SPIN at its best (and, for
// K = 1, XState with @xstate/graph), all measured in this run on the same model.
//
//   node bench/relationships.mjs [--config maintenance] [--max-k 3] [--k4]
//                                [--modes dfs,nocomp,collapse,hc4,ncore,bfs,bfs-par,opt] [--repeat N]
//
// fsmkit end to end is the CLI in a child process (spec to every verdict);
// "explore" is the exploration inside that run. SPIN end to end is spin -a,
// gcc and pan counting states (-A -E: no property checked, so SPIN does less
// than fsmkit). pan is built in every mode an expert would try (see
// pan-builds.mjs); its state count must equal fsmkit's full count and it must
// report no truncation, or the mode is disqualified. The output is Markdown.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allConfigurations, generatePromela, loadSpec, resolveConfiguration } from 'fsmkit';
import { cliAcceptsWorkers, runFsmkit } from './fsmkit-runner.mjs';
import { judgeGoals } from './goals.mjs';
import { PAN_MODES } from './pan-builds.mjs';
import { measureSpin, modeNames } from './spin-at-its-best.mjs';
import { missingSpinTools } from './spin-runner.mjs';

const out = (line = '') => process.stdout.write(`${line}\n`);
const fail = (message, code = 2) => {
  process.stderr.write(`bench/relationships.mjs: ${message}\n`);
  process.exit(code);
};
// A tool that fails (the CLI, spin, a rebuilt project) stops the bench with its message, not a stack trace.
process.on('uncaughtException', (error) => fail(error.message, 1));

let values;
try {
  ({ values } = parseArgs({
    options: {
      config: { type: 'string', default: 'maintenance' },
      'max-k': { type: 'string', default: '3' },
      k4: { type: 'boolean', default: false },
      modes: { type: 'string', default: modeNames.join(',') },
      repeat: { type: 'string' },
    },
  }));
} catch (error) {
  fail(`${error.message}\nusage: node bench/relationships.mjs [--config NAME] [--max-k 1-3] [--k4] [--modes ${modeNames.join(',')}] [--repeat N]`);
}
if (!/^[1-3]$/.test(values['max-k'])) fail(`--max-k takes 1, 2 or 3, not "${values['max-k']}" (K = 4 runs with --k4, with symmetry only)`);
const maxK = Number(values['max-k']);
const modes = new Set(values.modes.split(',').filter(Boolean));
const unknown = [...modes].filter((m) => !modeNames.includes(m));
if (unknown.length) fail(`--modes: unknown mode ${unknown.map((m) => `"${m}"`).join(', ')}; the modes are ${modeNames.join(', ')}`);
if (values.repeat !== undefined && !/^[1-9]\d*$/.test(values.repeat)) fail(`--repeat takes a positive whole number, not "${values.repeat}"`);

/**
 * Small runs are repeated (the fastest counts): a one-second process varies by
 * a tenth from run to run, more than the 5% the K = 2 goal allows. K = 3 takes
 * a minute a run.
 */
const repeatFor = (k) => (values.repeat ? Number(values.repeat) : k <= 2 ? 5 : 1);

const root = new URL('..', import.meta.url).pathname;
const specFile = join(root, 'spec/dhcpv4-failover.yaml');
const { model } = await loadSpec(specFile);
const config = resolveConfiguration(model, values.config);
if (!config)
  fail(
    `no configuration "${values.config}" in spec/dhcpv4-failover.yaml; there are ${allConfigurations(model)
      .map((c) => c.name)
      .join(', ')}`,
  );

const cores = availableParallelism();
const workers = cliAcceptsWorkers(root) ? [...new Set([1, cores])] : undefined;
const missing = missingSpinTools();
const startedAt = performance.now();
const loadBefore = loadavg();

const seconds = (ms) => (ms === undefined ? 'n/a' : ms < 1 ? `${(ms * 1000).toFixed(0)} us` : ms < 10 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);
const count = (n) => (n === undefined ? 'n/a' : n.toLocaleString('en-US'));
const perSecond = (states, ms) => (states && ms ? count(Math.round((states / ms) * 1000)) : 'n/a');
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}x` : 'n/a');
const mib = (bytes) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MiB`);
/** A Markdown table. */
function table(header, rows) {
  out(`| ${header.join(' | ')} |`);
  out(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) out(`| ${row.join(' | ')} |`);
  out();
}

const fsmkitKey = (symmetry, w) => `${symmetry ? 'sym' : 'full'}-${w ?? 'default'}`;
const fsmkitLabel = (symmetry, w) => `fsmkit${symmetry ? ', symmetry' : ''}, ${w === undefined ? 'workers: not available' : `${w} worker${w > 1 ? 's' : ''}`}`;

/** Runs the CLI for one K in every column: with and without symmetry, 1 worker and all workers. */
function fsmkitColumns(k, symmetries) {
  const runs = {};
  for (const symmetry of symmetries) {
    for (const w of workers ?? [undefined]) {
      runs[fsmkitKey(symmetry, w)] = runFsmkit({ root, specFile, config: config.name, k, symmetry, workers: w, repeat: repeatFor(k) });
    }
  }
  return runs;
}

const perK = new Map();
const ks = Array.from({ length: maxK }, (_, i) => i + 1);
for (const k of ks) {
  process.stderr.write(`K = ${k}: fsmkit...\n`);
  const fsmkit = fsmkitColumns(k, k > 1 ? [false, true] : [false]);
  const exact = fsmkit[fsmkitKey(false, workers?.[0])].states;
  let spin;
  if (!missing.length) {
    process.stderr.write(`K = ${k}: SPIN (${[...modes].join(', ')})...\n`);
    const promela = generatePromela(model, config, { check: { kind: 'none' }, banner: [], relationships: k });
    spin = measureSpin({ promela, exact, cores, modes, repeat: repeatFor(k), totalMemory: totalmem() });
  }
  perK.set(k, { fsmkit, spin, exact });
}
let k4;
if (values.k4) {
  process.stderr.write('K = 4: fsmkit with symmetry...\n');
  k4 = runFsmkit({ root, specFile, config: config.name, k: 4, symmetry: true, workers: workers?.at(-1), repeat: 1 });
}

/** One side of the K = 1 comparison on one configuration, in a process of its own (see bench/k1-side.mjs). */
function k1Side(side, name) {
  const run = spawnSync(process.execPath, [join(root, 'bench/k1-side.mjs'), side, name], { encoding: 'utf8' });
  if (run.status !== 0) fail(`bench/k1-side.mjs ${side} ${name} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  return JSON.parse(run.stdout);
}
process.stderr.write('K = 1: XState on every configuration...\n');
const xstate = allConfigurations(model).map((c) => {
  const ours = k1Side('fsmkit', c.name);
  const theirs = k1Side('xstate', c.name);
  return { name: c.name, ours, theirs, ratio: theirs.ms / ours.ms, same: ours.states === theirs.states };
});
const totalMs = performance.now() - startedAt;
const loadAfter = loadavg();

// The report.
const day = new Date().toISOString().slice(0, 10);
out(`## K relationships on configuration \`${config.name}\` (${day})`);
out();
out(
  `${cores} cores, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} at the start and ${loadAfter.map((l) => l.toFixed(1)).join(' ')} at the end; ` +
    `whole bench ${(totalMs / 1000).toFixed(0)} s. fsmkit ${workers ? `workers: 1 and ${cores}` : 'workers: not available (the CLI has no --workers)'}.`,
);
if (missing.length) out(`SPIN side skipped: ${missing.join(' and ')} not installed (apt-get install spin gcc).`);
out();

const summary = [];
for (const [k, { fsmkit, spin, exact }] of perK) {
  const best = spin?.best;
  for (const [key, run] of Object.entries(fsmkit)) {
    const symmetry = key.startsWith('sym');
    const w = key.endsWith('default') ? undefined : Number(key.split('-')[1]);
    summary.push([
      String(k),
      fsmkitLabel(symmetry, w),
      symmetry ? `${count(run.states)} (${count(run.fullStates)})` : count(run.states),
      seconds(run.wallMs),
      seconds(run.exploreMs),
      perSecond(run.states, run.exploreMs),
      run.bytesPerState.toFixed(1),
      mib(run.peakBytes),
      best ? ratio(best.wallMs, run.wallMs) : 'n/a',
      best ? ratio(spin.fastestSearch?.searchMs, run.exploreMs) : 'n/a',
      spin?.bfs ? ratio(spin.bfs.wallMs, run.wallMs) : 'n/a',
    ]);
  }
  for (const [label, run] of [
    ['SPIN fastest', best],
    ['pan breadth-first', spin?.bfs],
  ]) {
    if (!run) continue;
    summary.push([
      String(k),
      `${label}: ${run.build.name}`,
      `${count(run.states)}${run.states === exact ? '' : ' (DIFFERS)'}`,
      seconds(run.wallMs),
      // pan prints its time to the hundredth of a second.
      `${run.searchMs === 0 ? '< 10 ms' : seconds(run.searchMs)} pan`,
      perSecond(run.states, run.searchMs),
      run.bytesPerState?.toFixed(1) ?? 'n/a',
      'n/a',
      ratio(best.wallMs, run.wallMs),
      ratio(spin.fastestSearch?.searchMs, run.searchMs),
      ratio(spin.bfs?.wallMs, run.wallMs),
    ]);
  }
}
if (k4) {
  summary.push([
    '4',
    fsmkitLabel(true, workers?.at(-1)),
    `${count(k4.states)} (${count(k4.fullStates)})`,
    seconds(k4.wallMs),
    seconds(k4.exploreMs),
    perSecond(k4.states, k4.exploreMs),
    k4.bytesPerState.toFixed(1),
    mib(k4.peakBytes),
    'n/a',
    'n/a',
    'n/a',
  ]);
}
out('### fsmkit against SPIN');
out();
table(
  [
    'K',
    'engine',
    'states',
    'end to end',
    'explore',
    'states/s',
    'B/state',
    'peak RSS',
    'SPIN fastest e2e / this',
    'pan fastest search / this',
    'pan BFS e2e / this',
  ],
  summary,
);
out('end to end: fsmkit, the CLI from spec to every verdict; SPIN, spin -a + gcc + pan, counting only. explore: the exploration');
out("alone (SPIN: pan's own search time). Ratios above 1 mean the row is faster than SPIN. B/state: fsmkit, its state table;");
out("SPIN, pan's total memory over states. With symmetry, states are the stored ones (the full count in brackets).");
const largest = [...perK.values()].at(-1)?.spin?.best;
if (k4 && largest?.bytesPerState) {
  const gib = (k4.fullStates * largest.bytesPerState) / 2 ** 30;
  out(
    `K = 4 without symmetry has ${count(k4.fullStates)} states: pan, at its ${largest.bytesPerState.toFixed(0)} bytes a state, would need about ${count(Math.round(gib))} GiB, so it is not run.`,
  );
}
out();

out('### pan builds tried');
out();
const tried = [];
for (const [k, { spin }] of perK) {
  if (!spin) continue;
  for (const run of spin.runs) {
    const verdict = run.disqualified ? `disqualified: ${run.disqualified}` : run === spin.best ? '**fastest**' : 'ok';
    tried.push([
      String(k),
      run.build.name,
      `\`gcc ${run.build.gcc.join(' ')}\`, \`pan ${run.build.pan.join(' ')}\``,
      seconds(run.gccMs),
      seconds(run.panMs),
      seconds(run.wallMs),
      count(run.states),
      run.bytesPerState?.toFixed(1) ?? 'n/a',
      verdict,
    ]);
  }
  for (const note of spin.notes) tried.push([String(k), note, '', '', '', '', '', '', '']);
}
if (tried.length) {
  table(['K', 'build', 'flags', 'gcc', 'pan', 'end to end', 'states', 'B/state', 'verdict'], tried);
  out(`spin -a per K: ${[...perK].map(([k, p]) => `K=${k} ${seconds(p.spin?.spinMs)}`).join(', ')} (counted in every end to end).`);
  out(
    `Modes: ${Object.entries(PAN_MODES)
      .filter(([m]) => modes.has(m))
      .map(([m, d]) => `${m}: ${d}`)
      .join('; ')}.`,
  );
  out();
}

out('### K = 1 against XState v5 + @xstate/graph (each side in a child process of its own, the fastest of at least 3 runs and half a second of runs)');
out();
table(
  ['configuration', 'states', 'XState', 'fsmkit', 'fsmkit / XState'],
  xstate.map((x) => [
    x.name,
    `${count(x.theirs.states)}${x.same ? '' : ` (fsmkit ${count(x.ours.states)}: DIFFERS)`}`,
    seconds(x.theirs.ms),
    seconds(x.ours.ms),
    ratio(x.theirs.ms, x.ours.ms),
  ]),
);

out('### Goals (issue 17), from this run');
out();
const goals = judgeGoals({ ks, perK, k4, xstate, workers });
table(
  ['goal', 'measured', 'status'],
  goals.map((g) => [g.goal, g.measured, g.status]),
);
