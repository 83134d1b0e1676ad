// npm run mutants [-- --sample N --seed S]: mutation testing of the bundled spec.
import { readFileSync } from 'node:fs';
import { judgeMutants, mutantsOf } from './mutants-lib.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const text = readFileSync(new URL('../spec/dhcpv4-failover.yaml', import.meta.url), 'utf8');
let mutants = mutantsOf(text);
const sample = option('sample', 0);
if (sample > 0) {
  // A seeded shuffle so that a sample is reproducible.
  let seed = option('seed', 1);
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  mutants = mutants
    .map((m) => [next(), m])
    .sort((a, b) => a[0] - b[0])
    .slice(0, sample)
    .map(([, m]) => m);
}
const started = performance.now();
const rows = judgeMutants(text, mutants);
const count = (v) => rows.filter((r) => r.verdict === v).length;
const killed = count('killed');
const equivalent = count('equivalent');
const survived = count('survived');
const byChecker = rows.filter((r) => r.by.startsWith('checker')).length;
const byScenario = rows.filter((r) => r.by.startsWith('scenario')).length;
for (const r of rows.filter((r) => r.verdict !== 'killed')) process.stdout.write(`${r.verdict.padEnd(10)} ${r.id} (${r.by})\n`);
process.stdout.write(
  `\n${rows.length} mutants in ${((performance.now() - started) / 1000).toFixed(1)} s: ${killed} killed (${byChecker} by the checker, ${byScenario} by a scenario, ${killed - byChecker - byScenario} by the explorer), ${equivalent} equivalent, ${survived} survived\n` +
    `kill rate: ${((100 * killed) / Math.max(1, rows.length - equivalent)).toFixed(1)}% of non-equivalent mutants\n`,
);
process.exitCode = survived > 0 ? 1 : 0;
