import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeMermaidLabel } from '../../src/codegen/escape.js';
import { generateDiagrams, renderScenarioDiagram } from '../../src/diagram/diagram-set.js';
import { pairGraphOf } from '../../src/diagram/explored-pairs.js';
import { renderTraceDiagram } from '../../src/diagram/trace-diagram.js';
import { replayScenarios } from '../../src/explore/replay-scenarios.js';
import { exploreMatrix } from '../../src/explore/run-explorer.js';
import type { Trace } from '../../src/explore/trace.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { browserPath, launchBrowser } from '../helpers/browser.js';
import { BUNDLED_SPEC, repoPath } from '../helpers/paths.js';
import { toyModel } from '../helpers/toy.js';

/** Every diagram a spec produces, as fsmkit writes them. */
function diagramsOf(model: Model, pairsConfig: string) {
  const matrix = exploreMatrix(model, undefined, undefined, pairsConfig);
  const kept = matrix.configurations.find((c) => c.pairs)?.pairs;
  return generateDiagrams(model, matrix, kept ? pairGraphOf(model, kept) : undefined);
}

describe.skipIf(!browserPath)("mermaid's own parser", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.addScriptTag({ path: repoPath('node_modules/mermaid/dist/mermaid.min.js') });
    await page.evaluate(() =>
      (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }),
    );
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Parses each text; returns the errors, empty when every one parses. */
  const parse = (texts: string[]) =>
    page.evaluate(async (all: string[]) => {
      const m = (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
      const errors: string[] = [];
      for (const text of all) {
        try {
          await m.parse(text);
        } catch (error) {
          errors.push(String((error as Error).message ?? error).split('\n')[0] ?? '');
        }
      }
      return errors;
    }, texts);

  it('accepts every diagram of the failover spec', async () => {
    const diagrams = diagramsOf((await loadSpec(BUNDLED_SPEC)).model as Model, 'careful-operator');
    expect(diagrams.length).toBeGreaterThanOrEqual(7);
    expect(await parse(diagrams.map((d) => d.contents))).toEqual([]);
  });

  it('accepts the sequence diagram of every scenario of the failover spec', async () => {
    const checked = await loadSpec(BUNDLED_SPEC);
    const model = checked.model as Model;
    const { runs } = replayScenarios(model, { file: checked.file, locate: checked.locate as NonNullable<typeof checked.locate> });
    expect(runs.length).toBeGreaterThanOrEqual(20);
    expect(await parse(runs.map((run) => renderScenarioDiagram(model, run)))).toEqual([]);
  });

  it('accepts every diagram of the toy spec', async () => {
    expect(await parse(diagramsOf(toyModel(), 'flaky').map((d) => d.contents))).toEqual([]);
  });

  it('accepts hostile labels without letting them end a label or inject markup', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${` is one of the hostile inputs
    const hostile = ['end"]; A-->B', '<script>alert(1)</script>', 'line\nbreak : colon ; semi # hash', '%%{init: {}}%%', '`${x}` \u2028 ℃', '--> [*]'];
    const trace: Trace = [
      {
        kind: 'start' as const,
        after: { relationships: [{ a: { state: hostile[0] as string }, b: { state: hostile[1] as string } }], network: 'up' as const },
      },
      {
        kind: 'protocol' as const,
        server: 'a',
        rule: hostile[2] as string,
        event: hostile[3] as string,
        ref: hostile[4] as string,
        after: { relationships: [{ a: { state: hostile[5] as string } }], network: 'down' as const },
      },
    ];
    const sequence = renderTraceDiagram(trace, ['a', 'b'], hostile.join(' '));
    const flow = `flowchart LR\n${hostile.map((h, i) => `  n${i}["${escapeMermaidLabel(h)}"] --> n${i + 1}`).join('\n')}\n`;
    const state = `stateDiagram-v2\n${hostile.map((h, i) => `  s${i} --> s${i + 1} : ${escapeMermaidLabel(h)}`).join('\n')}\n`;
    expect(await parse([sequence, flow, state])).toEqual([]);
    expect(sequence).not.toContain('<script>');
  });
});
