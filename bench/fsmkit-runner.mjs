// Runs fsmkit's CLI (bin/fsmkit.js) as a user would, from the spec to every
// verdict, in a child process: the wall time is the whole run, the report's
// elapsedMs the exploration alone.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Whether `fsmkit explore` takes `--workers` (the parallel explorer), read from its help.
 * @param {string} root the project folder
 */
export function cliAcceptsWorkers(root) {
  const help = spawnSync(process.execPath, [join(root, 'bin/fsmkit.js'), 'explore', '--help'], { encoding: 'utf8' });
  return /--workers\b/.test(`${help.stdout}${help.stderr}`);
}

/**
 * One configuration explored with K relationships, `repeat` times (the fastest run counts).
 * @param {{ root: string, specFile: string, config: string, k: number, symmetry: boolean, workers?: number, repeat: number }} options
 *   `workers` is passed only when given (the CLI must accept `--workers`)
 */
export function runFsmkit({ root, specFile, config, k, symmetry, workers, repeat }) {
  const argv = ['explore', specFile, '--config', config, '--relationships', String(k), symmetry ? '--symmetry' : '--no-symmetry', '--json'];
  if (workers !== undefined) argv.push('--workers', String(workers));
  let best;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', join(root, 'bench/report-peak-memory.mjs'), join(root, 'bin/fsmkit.js'), ...argv], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const wallMs = performance.now() - started;
    if (run.status !== 0) throw new Error(`fsmkit ${argv.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
    const report = JSON.parse(run.stdout).configurations[0];
    const rss = JSON.parse(/fsmkit-bench (.*)\n?$/.exec(run.stderr)?.[1] ?? '{}').maxRssKb;
    const result = {
      states: report.states,
      fullStates: report.system.fullStates,
      exploreMs: report.elapsedMs,
      wallMs,
      peakBytes: rss === undefined ? undefined : rss * 1024,
      bytesPerState: report.system.bytesPerState,
    };
    if (!best || result.wallMs < best.wallMs) best = result;
  }
  return best;
}
