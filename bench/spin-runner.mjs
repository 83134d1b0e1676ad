// Runs SPIN the way a user would, timing each stage: `spin -a` once per model
// (the same for every mode), then gcc and pan once per build. Each build gets
// its own executable in one scratch folder, removed at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disqualification, parsePanOutput } from './pan-output.mjs';

const works = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/** The tools SPIN's side needs that are missing on this machine (empty when none). */
export function missingSpinTools() {
  return [works('spin', ['-V']) ? '' : 'spin', works('gcc', ['--version']) ? '' : 'gcc'].filter(Boolean);
}

/** A pan run that has not finished after this long is stopped and disqualified. */
const PAN_TIMEOUT_MS = 30 * 60_000;

/** Runs a command in `cwd`; returns its time, status and output. */
function timed(cwd, command, args, timeout) {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26, timeout, killSignal: 'SIGKILL' });
  const ms = performance.now() - started;
  const timedOut = run.error?.code === 'ETIMEDOUT';
  if (run.error && !timedOut) throw new Error(`${command} ${args.join(' ')} could not run: ${run.error.message}`);
  return { ms, status: run.status ?? 1, timedOut, output: `${run.stdout}${run.stderr}` };
}

/**
 * A model ready for pan builds: the Promela written and `spin -a` run once.
 * Call `close()` when done.
 * @param {string} promela the model
 */
export function prepareSpinModel(promela) {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-bench-spin-'));
  writeFileSync(join(dir, 'model.pml'), promela);
  const generate = timed(dir, 'spin', ['-a', 'model.pml']);
  if (generate.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`spin -a failed (exit ${generate.status}): ${generate.output.slice(0, 2000)}`);
  }
  let built = 0;
  return {
    spinMs: generate.ms,
    /**
     * Compiles one build and runs it `repeat` times (the fastest run counts).
     * @param {ReturnType<typeof import('./pan-builds.mjs').panBuild>} build
     * @param {number} exact fsmkit's full state count, to check pan's
     * @param {number} repeat
     */
    run(build, exact, repeat) {
      const exe = `pan${++built}`;
      const compile = timed(dir, 'gcc', [...build.gcc, '-o', exe, 'pan.c']);
      if (compile.status !== 0) {
        return {
          build,
          spinMs: generate.ms,
          gccMs: compile.ms,
          disqualified: `gcc failed: ${compile.output.split('\n').find((l) => /error/.test(l)) ?? compile.output.slice(0, 200)}`,
        };
      }
      let best;
      for (let i = 0; i < repeat; i++) {
        const pan = timed(dir, `./${exe}`, build.pan, PAN_TIMEOUT_MS);
        const parsed = parsePanOutput(pan.output);
        const disqualified = pan.timedOut ? `no answer in ${PAN_TIMEOUT_MS / 60_000} minutes` : disqualification(parsed, exact, pan.status);
        const result = { ms: pan.ms, status: pan.status, parsed, disqualified };
        if (result.disqualified) {
          best = result;
          break;
        }
        if (!best || result.ms < best.ms) best = result;
      }
      rmSync(join(dir, exe), { force: true });
      const { parsed } = best;
      return {
        build,
        spinMs: generate.ms,
        gccMs: compile.ms,
        panMs: best.ms,
        wallMs: generate.ms + compile.ms + best.ms,
        states: parsed.states,
        searchMs: parsed.searchSeconds === undefined ? undefined : parsed.searchSeconds * 1000,
        bytesPerState: parsed.memoryMb !== undefined && parsed.states ? (parsed.memoryMb * 2 ** 20) / parsed.states : undefined,
        depth: parsed.depth,
        stateVector: parsed.stateVector,
        hashConflicts: parsed.hashConflicts,
        hints: parsed.hints,
        disqualified: best.disqualified,
      };
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
