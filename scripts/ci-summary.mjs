// Prints the closing line of a CI run: the tests of every vitest JSON report
// plus the gates counted by .ci/run. Exits non-zero when anything failed.
// Usage: ci-summary.mjs <gates passed> <gates failed> <report.json> <exit status> [<report.json> <exit status> ...]
import { existsSync, readFileSync } from 'node:fs';

const [gatesPassed, gatesFailed, ...suites] = process.argv.slice(2);
let passed = Number(gatesPassed);
let failed = Number(gatesFailed);
for (let i = 0; i < suites.length; i += 2) {
  const report = suites[i];
  const status = Number(suites[i + 1]);
  let suiteFailed = 0;
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed += result.numPassedTests;
    suiteFailed += result.numFailedTests;
    // A suite that failed to load has no failed test but must still fail the run.
    if (result.numFailedTestSuites > 0 && result.numFailedTests === 0) suiteFailed += result.numFailedTestSuites;
  } else {
    suiteFailed += 1;
  }
  // A runner that failed without a failed test (a crash, an unhandled error) still counts once.
  if (status !== 0 && suiteFailed === 0) suiteFailed += 1;
  failed += suiteFailed;
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
