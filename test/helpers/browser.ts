import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { BROWSER_FLAGS, findBrowser } from '../../src/diagram/render.js';

/** The browser tests use, found as users' browsers are; CI sets FSMKIT_REQUIRE_BROWSER so a missing one fails. */
export const browserPath = (await findBrowser(process.env)).path;
if (!browserPath && process.env.FSMKIT_REQUIRE_BROWSER) throw new Error('FSMKIT_REQUIRE_BROWSER is set but no Chrome or Chromium was found');
if (!browserPath) process.stderr.write('no Chrome or Chromium found: browser tests are skipped (apt-get install chromium)\n');

export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: browserPath as string,
    headless: true,
    args: BROWSER_FLAGS,
    userDataDir: mkdtempSync(join(tmpdir(), 'fsmkit-test-browser-')),
    // Over a pipe, the browser quits when the test process ends, however it ends.
    pipe: true,
  });
}
