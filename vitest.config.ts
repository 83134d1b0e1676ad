import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The slow suite (`npm run test:slow`): external tools (SPIN, a browser),
 * processes killed mid-write, the mutants sample and long property runs.
 * Everything else is the fast suite (`npm test`).
 */
const SLOW = [
  'test/export/spin.test.ts',
  'test/docs/browser.test.ts',
  'test/diagram/mermaid-parse.test.ts',
  'test/io/atomic-kill.test.ts',
  'test/io/generate-signals.test.ts',
  'test/diagram/render-lifetime.test.ts',
  'test/properties/mutants-sample.test.ts',
  'test/properties/fuzz.test.ts',
  'test/explore/system.test.ts',
  'test/package/pack.test.ts',
  'test/**/*.slow.test.ts',
];

// CI asks for a JSON report beside the usual output, without changing the command line.
const report = process.env.FSMKIT_TEST_REPORT;

export default defineConfig({
  // Tests, scripts and benches import the public entry as `fsmkit`; in tests it is the source, never a built dist/.
  resolve: { alias: [{ find: /^fsmkit$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  test: {
    testTimeout: 60_000,
    // Builds dist/ when a source is newer, for the few tests that run bin/fsmkit.js as users do.
    globalSetup: ['test/helpers/build-dist.ts'],
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: SLOW } },
      // Slow tests compare against plain references and external tools: on a loaded 2-core CI
      // machine one took 64 s (maintenance K = 2 against the naive explorer, load 8.7), so the
      // limit is wide; it only stops a run that hangs.
      { extends: true, test: { name: 'slow', include: SLOW, testTimeout: 900_000 } },
    ],
  },
});
