// Preloaded with `node --import` by the relationships bench: when the process
// ends, reports its peak memory on the last line of stderr, so the bench can
// run the real CLI (bin/fsmkit.js) and know what it cost without /usr/bin/time.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nfsmkit-bench ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
