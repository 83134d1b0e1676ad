import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/diagram/render.js';

describe('findBrowser', () => {
  const fake = join(mkdtempSync(join(tmpdir(), 'fsmkit-')), 'chrome');
  writeFileSync(fake, '');

  it('takes FSMKIT_BROWSER first, then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH', async () => {
    expect((await findBrowser({ FSMKIT_BROWSER: fake, CHROME_PATH: '/nope' })).path).toBe(fake);
    expect((await findBrowser({ FSMKIT_BROWSER: '/nope', PUPPETEER_EXECUTABLE_PATH: fake })).path).toBe(fake);
  });

  it('then looks at system installs', async () => {
    expect((await findBrowser({}, { systemPaths: ['/nope', fake], puppeteerCache: false })).path).toBe(fake);
  });

  it('says where it looked when there is none', async () => {
    const found = await findBrowser({ CHROME_PATH: '/nope/chrome' }, { systemPaths: ['/usr/bin/none'], puppeteerCache: false });
    expect(found.path).toBeUndefined();
    expect(found.tried).toEqual(['CHROME_PATH=/nope/chrome (no such file)', '/usr/bin/none']);
  });
});
