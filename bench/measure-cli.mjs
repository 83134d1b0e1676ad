// Runs the fsmkit CLI in this process, then reports its peak memory on the
// last line of stderr, so the relationships bench can time a real end-to-end
// run and know what it cost without relying on /usr/bin/time.
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTty: false,
  stderrIsTty: false,
});
process.stderr.write(`\nfsmkit-bench ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
