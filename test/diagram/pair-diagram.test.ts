import { describe, expect, it } from 'vitest';
import { generateDiagrams } from '../../src/diagram/diagram-set.js';
import { pairGraphOf } from '../../src/diagram/explored-pairs.js';
import { type PairGraph, pairMatrix, renderPairGroups } from '../../src/diagram/pair-diagram.js';
import { generateDocs } from '../../src/docs/docs-pages.js';
import { exploreMatrix } from '../../src/explore/run-explorer.js';
import { loadSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { BUNDLED_SPEC } from '../helpers/paths.js';

/** A hand-made pair graph: left and right nodes that go UP then each go RUN. */
const graph: PairGraph = {
  configuration: 'demo',
  roles: ['left', 'right'],
  states: ['DOWN', 'UP', 'RUN'],
  pairs: [
    { states: ['UP', 'UP'], count: 2 },
    { states: ['DOWN', 'DOWN'], count: 1 },
    { states: ['UP', 'RUN'], count: 1 },
    { states: ['RUN', 'RUN'], count: 3 },
  ],
  moves: [
    { from: ['UP', 'UP'], to: ['UP', 'RUN'] },
    { from: ['UP', 'RUN'], to: ['RUN', 'RUN'] },
  ],
};

describe('pair diagrams from plain data', () => {
  it('draw one diagram per state of the first role, in spec order, each move once: arrows for the second role, targets in the node for the first', () => {
    const groups = renderPairGroups(graph);
    expect(groups.map((g) => [g.state, g.file])).toEqual([
      ['DOWN', 'pairs-demo-DOWN.mmd'],
      ['UP', 'pairs-demo-UP.mmd'],
      ['RUN', 'pairs-demo-RUN.mmd'],
    ]);
    const up = groups[1]?.diagram ?? '';
    expect(up).toContain('subgraph g_UP["left UP"]');
    expect(up).toContain('p_UP_UP["right UP<br/>2 pair states"]');
    expect(up).toContain('p_UP_UP --> p_UP_RUN');
    expect(up).toContain('p_UP_RUN["right RUN<br/>1 pair state<br/>left moves to RUN"]');
    expect(up).not.toContain('p_RUN_RUN');
    expect(groups[0]?.diagram).not.toContain('-->');
    const arrows = groups.flatMap((g) => g.diagram.split('\n').filter((l) => l.includes('-->')));
    const written = groups.flatMap((g) => g.diagram.match(/left moves to [A-Z, ]+/g) ?? []);
    expect(arrows.length + written.join(', ').split(', ').length).toBe(graph.moves.length);
  });

  it('give the same bytes whatever the order of the data', () => {
    const shuffled: PairGraph = { ...graph, pairs: [...graph.pairs].reverse(), moves: [...graph.moves].reverse() };
    expect(renderPairGroups(shuffled)).toEqual(renderPairGroups(graph));
  });

  it('tabulate the pairs as a matrix in spec order', () => {
    expect(pairMatrix(graph)).toEqual({
      rows: ['DOWN', 'UP', 'RUN'],
      columns: ['DOWN', 'UP', 'RUN'],
      cells: [
        [1, undefined, undefined],
        [undefined, 2, 1],
        [undefined, undefined, 3],
      ],
    });
  });
});

describe('the pairs of the bundled spec', async () => {
  const model = (await loadSpec(BUNDLED_SPEC)).model as Model;
  const kept = exploreMatrix(model, undefined, undefined, 'careful-operator').configurations.find((c) => c.pairs)?.pairs;
  if (!kept) throw new Error('the run kept no pairs');
  const pairs = pairGraphOf(model, kept);

  it('split the 75 pairs and 106 moves into small diagrams', () => {
    expect([pairs.pairs.length, pairs.moves.length]).toEqual([75, 106]);
    const groups = renderPairGroups(pairs);
    const nodes = (d: string) => d.split('\n').filter((l) => /^\s+p_\w+\[/.test(l)).length;
    const arrows = (d: string) => d.split('\n').filter((l) => l.includes('-->')).length;
    for (const g of groups) expect([nodes(g.diagram), arrows(g.diagram)], g.state).toSatisfy(([n, a]: number[]) => (n as number) <= 15 && (a as number) <= 15);
    const written = groups.flatMap((g) => (g.diagram.match(/primary moves to [A-Z_, ]+/g) ?? []).flatMap((m) => m.split(', ')));
    expect(groups.reduce((n, g) => n + arrows(g.diagram), 0) + written.length).toBe(106);
  });

  it('are written as diagrams and a page that embeds every one', () => {
    const diagrams = generateDiagrams(model, exploreMatrix(model), pairs);
    const files = diagrams.map((d) => d.path).filter((p) => p.startsWith('diagrams/pairs-'));
    expect(files).toContain('diagrams/pairs-careful-operator-NORMAL.mmd');
    const page = generateDocs(model, exploreMatrix(model), diagrams, { specLabel: 'spec.yaml' }, pairs).find((p) => p.path === 'pairs.md')?.contents ?? '';
    for (const f of files) expect(page).toContain(f.replace(/\.mmd$/, '.svg'));
    expect(page).toContain('- [primary PARTNER\\_DOWN](#primary-partner_down)');
  });
});
