import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/paths.js';

/** Runs the CI summary on vitest-like reports (null: the report is missing) and returns its line and exit code. */
function summary(gates: [number, number], suites: [{ passed: number; failed: number; failedFiles?: number } | null, number][]): [string, number | null] {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-ci-'));
  const args = suites.flatMap(([report, status], i) => {
    const file = join(dir, `report-${i}.json`);
    if (report) {
      const { passed, failed, failedFiles = 0 } = report;
      writeFileSync(file, JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numFailedTestSuites: failedFiles }));
    }
    return [file, String(status)];
  });
  const run = spawnSync(process.execPath, [repoPath('scripts/ci-summary.mjs'), String(gates[0]), String(gates[1]), ...args], { encoding: 'utf8' });
  return [run.stdout, run.status];
}

describe('the closing line of .ci/run', () => {
  it('adds up the gates and both suites', () => {
    expect(
      summary(
        [4, 0],
        [
          [{ passed: 150, failed: 0 }, 0],
          [{ passed: 30, failed: 0 }, 0],
        ],
      ),
    ).toEqual(['184 passed, 0 failed\n', 0]);
  });

  it('counts a failed test of the slow suite and fails the run', () => {
    expect(
      summary(
        [4, 0],
        [
          [{ passed: 150, failed: 0 }, 0],
          [{ passed: 29, failed: 1 }, 1],
        ],
      ),
    ).toEqual(['183 passed, 1 failed\n', 1]);
  });

  it('counts a suite that crashed without a report, or failed to load a file, as a failure', () => {
    expect(
      summary(
        [4, 0],
        [
          [{ passed: 150, failed: 0 }, 0],
          [null, 1],
        ],
      ),
    ).toEqual(['154 passed, 1 failed\n', 1]);
    expect(
      summary(
        [4, 0],
        [
          [{ passed: 150, failed: 0, failedFiles: 2 }, 1],
          [{ passed: 3, failed: 0 }, 0],
        ],
      ),
    ).toEqual(['157 passed, 2 failed\n', 1]);
    expect(summary([3, 1], [[{ passed: 1, failed: 0 }, 0]])).toEqual(['4 passed, 1 failed\n', 1]);
  });
});
