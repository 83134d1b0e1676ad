// Times the main job (`fsmkit start`) on the bundled spec in a scratch copy of
// the project: without SVG (goal: under 2 s) and, when a browser exists, with.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from 'fsmkit';
import { runCli } from '../dist/cli/main.js';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'fsmkit-bench-start-'));
cpSync(join(root, 'spec'), join(dir, 'spec'), { recursive: true });
const io = { stdout: () => {}, stderr: () => {}, cwd: dir, env: process.env, isTty: false };

async function time(argv, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const code = await runCli(argv, io);
    times.push(performance.now() - t0);
    if (code !== 0) throw new Error(`fsmkit ${argv.join(' ')} exited ${code}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const withoutSvg = await time(['start', '--no-svg'], 5);
process.stdout.write(
  `\nmain job (fsmkit start) on spec/dhcpv4-failover.yaml\n  without SVG  median of 5: ${(withoutSvg / 1000).toFixed(2)} s (goal < 2 s: ${withoutSvg < 2000 ? 'met' : 'missed'})\n`,
);
if ((await findBrowser(process.env)).path) {
  const withSvg = await time(['start'], 1);
  process.stdout.write(
    `  with SVG     ${(withSvg / 1000).toFixed(2)} s (one browser session for every diagram; ${(withSvg / withoutSvg).toFixed(1)}x the run without)\n`,
  );
} else {
  process.stdout.write('  with SVG     skipped: no Chrome or Chromium found\n');
}
