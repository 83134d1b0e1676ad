// Prints the closing line of a CI run: tests from vitest's JSON report plus
// the gates counted by .ci/run. Exits non-zero when anything failed.
import { existsSync, readFileSync } from 'node:fs';

const [report, gatesPassed, gatesFailed, testStatus] = process.argv.slice(2);
let passed = Number(gatesPassed);
let failed = Number(gatesFailed);
if (existsSync(report)) {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  // A suite that failed to load has no failed test but must still fail the run.
  if (result.numFailedTestSuites > 0 && result.numFailedTests === 0) failed += result.numFailedTestSuites;
} else {
  failed += 1;
}
if (Number(testStatus) !== 0 && failed === 0) failed += 1;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
