// K relationships side by side: fsmkit against SPIN (and, for K = 1, XState
// with @xstate/graph), all measured in this run on the same model.
//
//   node bench/relationships.mjs [--config maintenance] [--max-k 3] [--k4]
//
// fsmkit end-to-end is the CLI in a child process (spec to every verdict);
// "explore" is the exploration inside that run. SPIN end-to-end is spin -a,
// gcc -O2 and pan -DBFS (breadth first, as fsmkit) counting states (-A -E: no
// property checked, so SPIN does less than fsmkit's end-to-end run). State
// counts are compared with symmetry off: equal counts are a correctness check.
// With --k4, K = 4 runs with symmetry only (SPIN would need the full count).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { explore, generatePromela, loadSpec, resolveConfiguration } from 'fsmkit';
import { exploreWithXState } from './xstate-pair.mjs';

const { values } = parseArgs({
  options: { config: { type: 'string', default: 'maintenance' }, 'max-k': { type: 'string', default: '3' }, k4: { type: 'boolean', default: false } },
});
const root = new URL('..', import.meta.url).pathname;
const specFile = join(root, 'spec/dhcpv4-failover.yaml');
const { model } = await loadSpec(specFile);
const config = resolveConfiguration(model, values.config);
if (!config) throw new Error(`no configuration ${values.config}`);
const maxK = Number(values['max-k']);

const works = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const missing = [works('spin', ['-V']) ? '' : 'spin', works('gcc', ['--version']) ? '' : 'gcc'].filter(Boolean);
const gnuTime = existsSync('/usr/bin/time') && works('/usr/bin/time', ['-f', '%M', 'true']);

const out = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const perSecond = (states, ms) => (ms ? `${Math.round((states / ms) * 1000).toLocaleString('en-US')}` : 'n/a');
const mib = (bytes) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MiB`);
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}x` : 'n/a');

function fsmkit(k, symmetry) {
  const argv = ['explore', specFile, '--config', config.name, '--relationships', String(k), symmetry ? '--symmetry' : '--no-symmetry', '--json'];
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', join(root, 'bench/report-peak-memory.mjs'), join(root, 'bin/fsmkit.js'), ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`fsmkit ${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout).configurations[0];
  const rss = JSON.parse(/fsmkit-bench (.*)\n?$/.exec(run.stderr)?.[1] ?? '{}').maxRssKb;
  return {
    states: report.states,
    fullStates: report.system.fullStates,
    exploreMs: report.elapsedMs,
    wallMs,
    peakBytes: rss * 1024,
    storeBytes: report.system.bytesPerState,
  };
}

function spin(k) {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-bench-spin-'));
  try {
    writeFileSync(join(dir, 'model.pml'), generatePromela(model, config, { check: { kind: 'none' }, banner: [], relationships: k }));
    const timed = (command, args) => {
      const started = performance.now();
      const run = spawnSync(command, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
      if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
      return { ms: performance.now() - started, stdout: run.stdout, stderr: run.stderr };
    };
    const generate = timed('spin', ['-a', 'model.pml']);
    const compile = timed('gcc', ['-O2', '-DSAFETY', '-DNOREDUCE', '-DBFS', '-DMEMLIM=20000', '-o', 'pan', 'pan.c']);
    const pan = gnuTime ? timed('/usr/bin/time', ['-f', 'peak %M', './pan', '-A', '-E']) : timed('./pan', ['-A', '-E']);
    const states = Number(/(\d+) states, stored/.exec(pan.stdout)?.[1]);
    const totalMb = Number(/([\d.]+)\s+total actual memory usage/.exec(pan.stdout)?.[1]);
    const peakKb = Number(/peak (\d+)/.exec(pan.stderr)?.[1]);
    return {
      states,
      panMs: pan.ms,
      wallMs: generate.ms + compile.ms + pan.ms,
      compileMs: generate.ms + compile.ms,
      peakBytes: Number.isFinite(peakKb) ? peakKb * 1024 : totalMb * 2 ** 20,
      storeBytes: (totalMb * 2 ** 20) / states,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The fastest of a few in-process runs of fsmkit's K = 1 exploration (warm: XState is measured warm too). */
function fastest(runs, explore) {
  let best = Number.POSITIVE_INFINITY;
  let states = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    states = explore();
    best = Math.min(best, performance.now() - started);
  }
  return { states, ms: best };
}

/** fsmkit against XState v5 + @xstate/graph on one configuration with one relationship. */
function againstXState(name) {
  const c = resolveConfiguration(model, name);
  const ours = fastest(100, () => explore(model, c, { relationships: 1, symmetry: true }).states.size);
  const theirs = fastest(3, () => exploreWithXState(model, c));
  const same = ours.states === theirs.states ? '' : ' (STATE COUNTS DIFFER)';
  out(
    `  ${name.padEnd(12)} ${String(theirs.states).padStart(5)} states  XState ${seconds(theirs.ms).padStart(7)} (${perSecond(theirs.states, theirs.ms)} states/s)  fsmkit ${(ours.ms).toFixed(2)} ms (${perSecond(ours.states, ours.ms)} states/s)  fsmkit ${ratio(theirs.ms, ours.ms)} faster${same}`,
  );
}

out(`\nK relationships on configuration "${config.name}" of spec/dhcpv4-failover.yaml (${new Date().toISOString().slice(0, 10)})`);
if (missing.length) out(`SPIN side skipped: ${missing.join(' and ')} not installed (apt-get install spin gcc)`);
out();
const header = ['K', 'engine', 'states', 'equal', 'wall', 'explore', 'states/s', 'peak RSS', 'B/state', 'vs SPIN e2e', 'vs pan states/s'];
const rows = [header];
/** SPIN's largest run, to say what K = 4 would cost it. */
let lastSpin;
/** A row for one fsmkit run; `theirs` is SPIN's run at the same K, when there is one. */
const fsmkitRow = (k, engine, run, states, equal, theirs) => [
  String(k),
  engine,
  states,
  equal,
  seconds(run.wallMs),
  seconds(run.exploreMs),
  perSecond(run.states, run.exploreMs),
  mib(run.peakBytes),
  run.storeBytes.toFixed(1),
  theirs ? ratio(theirs.wallMs, run.wallMs) : 'n/a',
  theirs ? ratio(run.states / run.exploreMs, theirs.states / theirs.panMs) : 'n/a',
];
for (let k = 1; k <= maxK; k++) {
  const off = fsmkit(k, false);
  const theirs = missing.length ? undefined : spin(k);
  if (theirs) lastSpin = theirs;
  const same = theirs ? (theirs.states === off.states ? 'yes' : `NO (${theirs.states})`) : 'n/a';
  rows.push(fsmkitRow(k, 'fsmkit', off, String(off.states), same, theirs));
  if (k > 1) {
    const on = fsmkit(k, true);
    rows.push(fsmkitRow(k, 'fsmkit, symmetry', on, `${on.states} (${on.fullStates})`, on.fullStates === off.states ? 'yes' : 'NO', theirs));
  }
  if (theirs) {
    const pan = { ...theirs, exploreMs: theirs.panMs };
    rows.push([...fsmkitRow(k, 'SPIN (spin -a, gcc, pan)', pan, String(theirs.states), same, undefined).slice(0, 9), '1.0x', '1.0x']);
    rows.at(-1)[5] = `${seconds(theirs.panMs)} pan`;
  }
}
let spinPerState;
if (values.k4) {
  const on = fsmkit(4, true);
  rows.push(fsmkitRow(4, 'fsmkit, symmetry', on, `${on.states} (${on.fullStates})`, 'n/a', undefined));
  spinPerState = lastSpin ? { states: on.fullStates, bytes: lastSpin.storeBytes } : undefined;
}
const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const row of rows) out(row.map((cell, i) => (i === 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
out();
out('wall: whole run (fsmkit: the CLI from spec to every verdict; SPIN: spin -a + gcc -O2 + pan -DBFS, counting only).');
out("explore: the exploration alone (SPIN: pan). B/state: fsmkit, its state table; SPIN, pan's total memory over states.");
out('vs SPIN e2e: SPIN wall / fsmkit wall; vs pan states/s: fsmkit states/s / pan states/s (both > 1 means fsmkit is ahead).');
if (spinPerState) {
  const gib = (spinPerState.states * spinPerState.bytes) / 2 ** 30;
  out(
    `K = 4 without symmetry: ${spinPerState.states} states; SPIN, at its ${spinPerState.bytes.toFixed(0)} bytes a state, would need about ${Math.round(gib)} GiB, so it is not run.`,
  );
}

out();
out('K = 1 against XState v5 + @xstate/graph (getAdjacencyMap), in this process, fastest of 3 (XState) and of 100 (fsmkit):');
againstXState(config.name);
// XState's time per state grows with the graph: the richest configuration shows it best.
if (config.name !== 'everything') againstXState('everything');
