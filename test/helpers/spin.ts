import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether the SPIN model checker and a C compiler are installed. */
export function spinAvailable(): boolean {
  try {
    execFileSync('spin', ['-V'], { stdio: 'ignore' });
    execFileSync('cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface PanResult {
  states: number;
  errors: number;
  output: string;
}

/**
 * At most this many spin, cc or pan processes at once: one per core, and
 * never more than two, so a loaded CI machine is not swamped (every
 * configuration at once once took 1.2 GB and most of a 300 s limit).
 */
export const SPIN_PARALLELISM = Math.max(1, Math.min(2, availableParallelism()));

/** A queue that runs at most `limit` jobs at a time, in the order they were asked for. */
function limiter(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    if (running >= limit) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * Runs SPIN models: spin -a and cc once per distinct Promela text (the same
 * model asked for twice is compiled once), then pan once per flag set, with
 * at most `parallelism` processes at a time. `close()` removes every folder.
 * `-A` ignores assertions (for counting), `-E` ignores invalid end states.
 */
export class SpinRunner {
  private readonly queue: <T>(job: () => Promise<T>) => Promise<T>;
  private readonly compiled = new Map<string, Promise<string>>();
  private readonly dirs: string[] = [];
  /** How many models were compiled (for tests of the runner itself). */
  compiles = 0;

  constructor(parallelism = SPIN_PARALLELISM) {
    this.queue = limiter(parallelism);
  }

  /** Runs pan on the model once per flag set and returns the counts, in order. */
  async run(promela: string, runs: readonly string[][]): Promise<PanResult[]> {
    const dir = await this.compile(promela);
    return Promise.all(runs.map((flags) => this.queue(() => pan(dir, flags))));
  }

  close(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    this.compiled.clear();
  }

  private compile(promela: string): Promise<string> {
    const key = createHash('sha256').update(promela).digest('hex');
    let dir = this.compiled.get(key);
    if (!dir) {
      dir = this.queue(async () => {
        const folder = mkdtempSync(join(tmpdir(), 'fsmkit-spin-'));
        this.dirs.push(folder);
        writeFileSync(join(folder, 'model.pml'), promela);
        await run('spin', ['-a', 'model.pml'], { cwd: folder });
        await run('cc', ['-O0', '-DSAFETY', '-DNOREDUCE', '-o', 'pan', 'pan.c'], { cwd: folder });
        this.compiles++;
        return folder;
      });
      this.compiled.set(key, dir);
    }
    return dir;
  }
}

async function pan(dir: string, flags: readonly string[]): Promise<PanResult> {
  const { stdout } = await run('./pan', ['-m10000000', ...flags], { cwd: dir, maxBuffer: 1 << 24 });
  const states = Number(/(\d+) states, stored/.exec(stdout)?.[1] ?? Number.NaN);
  const errors = Number(/errors: (\d+)/.exec(stdout)?.[1] ?? Number.NaN);
  return { states, errors, output: stdout };
}

const CHECK_BODY = /inline check\(\) \{\n {2}(.*)\n\}/;

/**
 * One model that checks several properties in one compilation: models that
 * differ only in the body of `check()` (one `assert` each, as the Promela
 * export writes them) become one whose `check()` holds every assertion,
 * each tagged `(i == i) &&` so that pan's report names the one violated.
 * Run pan with `-c0` to find every violation, then `violatedChecks`.
 */
export function combineChecks(models: readonly string[]): string {
  const bodies = models.map((m) => CHECK_BODY.exec(m)?.[1]);
  const frames = models.map((m) => m.replace(CHECK_BODY, 'inline check() {}'));
  if (bodies.some((b) => b === undefined) || frames.some((f) => f !== frames[0])) {
    throw new Error('combineChecks: the models must differ only in the body of check()');
  }
  const asserts = bodies.map((body, i) => {
    const expr = /^assert\((.*)\)$/.exec(body as string)?.[1];
    return expr === undefined ? 'skip' : `assert((${i} == ${i}) && (${expr}))`;
  });
  return (models[0] as string).replace(CHECK_BODY, `inline check() {\n  ${asserts.join(';\n  ')}\n}`);
}

/** The indexes (into the list given to `combineChecks`) of the assertions pan found violated, and whether it found a deadlock. */
export function violatedChecks(result: PanResult): { assertions: Set<number>; deadlock: boolean } {
  const assertions = new Set([...result.output.matchAll(/assertion violated \(\((\d+)==\1\)&&/g)].map((m) => Number(m[1])));
  return { assertions, deadlock: /pan:\d+: invalid end state/.test(result.output) };
}
