import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { browserPath, launchBrowser } from '../helpers/browser.js';
import { captureIo, copyProject } from '../helpers/project.js';

describe.skipIf(!browserPath)('the rendered docs in a real browser', () => {
  it('shows every diagram as a non-empty SVG with the state names and no mermaid error', async () => {
    const dir = copyProject();
    const io = captureIo(dir, { FSMKIT_BROWSER: browserPath as string });
    expect(await runCli(['diagrams'], io)).toBe(0);
    expect(io.out()).toContain('rendered docs/generated/diagrams/state-primary.svg');

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(dir, 'docs/generated/diagrams/index.html')).href);
      const found = await page.evaluate(() =>
        [...document.querySelectorAll('section.diagram')].map((s) => {
          const svg = s.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          const ids = [...(svg?.querySelectorAll('g[id]') ?? [])].map((g) => g.id);
          return {
            file: s.getAttribute('data-file'),
            shapes: svg?.querySelectorAll('g').length ?? 0,
            width: box?.width ?? 0,
            text: svg?.textContent ?? '',
            ids,
          };
        }),
      );
      expect(found.map((f) => f.file)).toEqual(
        expect.arrayContaining(['diagrams/state-primary.svg', 'diagrams/state-secondary.svg', 'diagrams/pairs-careful-operator.svg']),
      );
      for (const f of found) {
        expect(f.shapes, f.file ?? '').toBeGreaterThan(3);
        expect(f.width, f.file ?? '').toBeGreaterThan(50);
        expect(f.text).not.toMatch(/Syntax error|Parse error/i);
      }
      const primary = found.find((f) => f.file === 'diagrams/state-primary.svg')?.text ?? '';
      for (const name of ['STARTUP', 'PARTNER_DOWN', 'CONFLICT_DONE', 'RECOVER_WAIT']) expect(primary).toContain(name);
      // Only the primary's diagram has a CONFLICT_DONE state node (9.12.1).
      const node = (file: string) => found.find((f) => f.file === file)?.ids.some((id) => /state-CONFLICT_DONE/.test(id));
      expect(node('diagrams/state-primary.svg')).toBe(true);
      expect(node('diagrams/state-secondary.svg')).toBe(false);
    } finally {
      await browser.close();
    }
    // The committed pages link the SVGs that were just rendered.
    expect(readFileSync(join(dir, 'docs/generated/index.md'), 'utf8')).toContain('(diagrams/state-primary.svg)');
  }, 120_000);

  it('writes everything but the SVGs with --no-svg, saying so in one line', async () => {
    const dir = copyProject();
    const io = captureIo(dir);
    expect(await runCli(['start', '--no-svg'], io)).toBe(0);
    expect(io.err().trim().split('\n')).toEqual(['fsmkit: SVG skipped (--no-svg)']);
    expect(io.out()).toContain('wrote 24 files to docs/generated');
  });
});
