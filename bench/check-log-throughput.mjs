// Streams a generated ISC dhcpd log through `checkLog` and prints lines/s and
// peak memory, beside `grep -c` over the same file as a floor for reading it.
// Size: FSMKIT_BENCH_LOG_MB (default 1024). Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLog, loadSpec } from 'fsmkit';

const megabytes = Number(process.env.FSMKIT_BENCH_LOG_MB ?? 1024);
const file = join(tmpdir(), `fsmkit-bench-v3-${megabytes}mb.log`);

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
  const position = { 'scope-a': 0, 'scope-b': 0 };
  const target = megabytes * 1024 * 1024;
  while (written < target) {
    let block = '';
    for (let i = 0; i < 2000; i++, n++) {
      // Each relationship runs through the cycle on its own, so the log is legal.
      let text = noise[n % noise.length];
      if (n % 10 === 0) {
        const peer = (n / 10) % 3 === 0 ? 'scope-a' : 'scope-b';
        text = `failover peer ${peer}: ${cycle[position[peer]++ % cycle.length]}`;
      }
      // Times run forward, as a real log's do (a second per 2,000 lines).
      const second = (n / 2000) | 0;
      const clock = [((second / 3600) | 0) % 24, ((second / 60) | 0) % 60, second % 60].map((v) => String(v).padStart(2, '0')).join(':');
      block += `Nov 28 ${clock} dhcp1 dhcpd[1201]: ${text}\n`;
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
const report = await checkLog(model, [{ name: file, open: () => createReadStream(file) }]);
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
    `  verdict           ${report.relationships.map((r) => `${r.peer}: ${r.moves} moves, ${r.violations} violations, ${r.gaps} gaps`).join('; ')}`,
    '',
  ].join('\n'),
);

// A million distinct relationships: memory must stay bounded (fsmkit follows
// at most 100,000 and counts the lines of the rest). FSMKIT_BENCH_PEERS sets
// the count.
const peers = Number(process.env.FSMKIT_BENCH_PEERS ?? 1_000_000);
const peersFile = join(tmpdir(), `fsmkit-bench-peers-${peers}.log`);
if (!existsSync(peersFile)) {
  const fd = openSync(peersFile, 'w');
  for (let n = 0; n < peers; n += 10_000) {
    let block = '';
    for (let i = n; i < Math.min(peers, n + 10_000); i++) {
      block += `Nov 28 10:00:00 dhcp1 dhcpd[1201]: failover peer p${i}: I move from normal to communications-interrupted\n`;
    }
    writeSync(fd, block);
  }
  closeSync(fd);
}
let peersRss = process.memoryUsage().rss;
const peersSampler = setInterval(() => {
  peersRss = Math.max(peersRss, process.memoryUsage().rss);
}, 50);
const p0 = performance.now();
const peersReport = await checkLog(model, [{ name: peersFile, open: () => createReadStream(peersFile) }]);
clearInterval(peersSampler);
peersRss = Math.max(peersRss, process.memoryUsage().rss);
process.stdout.write(
  [
    `distinct relationships: ${peers} in ${((performance.now() - p0) / 1000).toFixed(2)} s`,
    `  followed          ${peersReport.relationships.length}, lines of the rest counted: ${peersReport.untracked}`,
    `  peak RSS          ${(peersRss / 1024 ** 2).toFixed(0)} MiB`,
    '',
  ].join('\n'),
);
