// Streams a generated ISC dhcpd log through `checkLog` and prints lines/s and
// peak memory, beside `grep -c` over the same file as a floor for reading it.
// Size: FSMKIT_BENCH_LOG_MB (default 1024). Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLog, loadSpec } from 'fsmkit';

const megabytes = Number(process.env.FSMKIT_BENCH_LOG_MB ?? 1024);
const file = join(tmpdir(), `fsmkit-bench-${megabytes}mb.log`);

const cycle = [
  'I move from normal to communications-interrupted',
  'peer moves from normal to communications-interrupted',
  'I move from communications-interrupted to normal',
  'peer moves from communications-interrupted to normal',
];
const noise = [
  'DHCPDISCOVER from 00:16:3e:12:34:56 via eth0',
  'DHCPOFFER on 10.0.0.42 to 00:16:3e:12:34:56 via eth0',
  'DHCPREQUEST for 10.0.0.42 (10.0.0.1) from 00:16:3e:12:34:56 via eth0',
  'DHCPACK on 10.0.0.42 to 00:16:3e:12:34:56 via eth0',
  'balancing pool 55d0c8 10.0.0.0/24  total 200  free 100  backup 100  lts 0  max-own (+/-)20',
];

function generate() {
  if (existsSync(file) && statSync(file).size >= megabytes * 1024 * 1024) return;
  const fd = openSync(file, 'w');
  let written = 0;
  let n = 0;
  const target = megabytes * 1024 * 1024;
  while (written < target) {
    let block = '';
    for (let i = 0; i < 2000; i++, n++) {
      const peer = n % 3 === 0 ? 'scope-a' : 'scope-b';
      const text = n % 10 === 0 ? `failover peer ${peer}: ${cycle[((n / 10) % cycle.length) | 0]}` : noise[n % noise.length];
      block += `Nov 28 10:${String(n % 60).padStart(2, '0')}:00 dhcp1 dhcpd[1201]: ${text}\n`;
    }
    written += writeSync(fd, block);
  }
  closeSync(fd);
}

const started = performance.now();
generate();
const size = statSync(file).size;
process.stdout.write(`log: ${file}, ${(size / 1024 ** 2).toFixed(0)} MiB (generated or reused in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);

const model = (await loadSpec(new URL('../spec/dhcpv4-failover.yaml', import.meta.url).pathname)).model;
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const t0 = performance.now();
const report = await checkLog(model, createReadStream(file), { format: 'isc' });
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const g0 = performance.now();
let grepSeconds = Number.NaN;
try {
  execFileSync('grep', ['-c', 'failover peer', file], { stdio: ['ignore', 'pipe', 'ignore'] });
  grepSeconds = (performance.now() - g0) / 1000;
} catch {
  process.stdout.write('grep not found: no baseline\n');
}

const rate = report.lines / seconds;
process.stdout.write(
  [
    '',
    'check-log throughput',
    `  fsmkit check-log  ${report.lines} lines in ${seconds.toFixed(2)} s = ${(rate / 1e6).toFixed(2)} M lines/s, ${(size / 1024 ** 2 / seconds).toFixed(0)} MiB/s`,
    `  peak RSS          ${(peakRss / 1024 ** 2).toFixed(0)} MiB for a ${(size / 1024 ** 2).toFixed(0)} MiB log`,
    `  grep -c           ${Number.isNaN(grepSeconds) ? 'n/a' : `${grepSeconds.toFixed(2)} s = ${(report.lines / grepSeconds / 1e6).toFixed(2)} M lines/s`}`,
    `  ratio             fsmkit takes ${Number.isNaN(grepSeconds) ? 'n/a' : `${(seconds / grepSeconds).toFixed(1)}x grep's time`}`,
    `  verdict           ${report.relationships.map((r) => `${r.peer}: ${r.moves} moves, ${r.violations} violations`).join('; ')}`,
    '',
  ].join('\n'),
);
