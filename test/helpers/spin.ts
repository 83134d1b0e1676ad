import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
 * Runs SPIN on a Promela model: spin -a, cc, then pan once per flag set.
 * `-A` ignores assertions (for counting), `-E` ignores invalid end states.
 */
export async function runSpin(promela: string, runs: readonly string[][]): Promise<PanResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-spin-'));
  try {
    writeFileSync(join(dir, 'model.pml'), promela);
    await run('spin', ['-a', 'model.pml'], { cwd: dir });
    await run('cc', ['-O0', '-DSAFETY', '-DNOREDUCE', '-o', 'pan', 'pan.c'], { cwd: dir });
    const results: PanResult[] = [];
    for (const flags of runs) {
      const { stdout } = await run('./pan', ['-m10000000', ...flags], { cwd: dir, maxBuffer: 1 << 24 });
      const states = Number(/(\d+) states, stored/.exec(stdout)?.[1] ?? Number.NaN);
      const errors = Number(/errors: (\d+)/.exec(stdout)?.[1] ?? Number.NaN);
      results.push({ states, errors, output: stdout });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
