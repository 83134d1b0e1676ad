import { describe, expect, it } from 'vitest';
import { galleryPage, withOwnId } from '../../src/diagram/render.js';

/** What mermaid-cli writes: every SVG has the same root id, and its styles and markers hang on it. */
const svg = (fill: string) =>
  `<svg id="my-svg" xmlns="http://www.w3.org/2000/svg"><style>#my-svg .node rect{fill:${fill};}#my-svg .my-svgx{}</style>` +
  '<marker id="my-svg_flowchart-pointEnd"/><path marker-end="url(#my-svg_flowchart-pointEnd)"/></svg>';

describe('the diagrams gallery', () => {
  it('gives each inlined SVG its own id, so one diagram styles never restyle another', () => {
    const page = galleryPage([
      { path: 'diagrams/state-primary.svg', svg: svg('red') },
      { path: 'diagrams/trace-a.svg', svg: svg('blue') },
    ]);
    expect(page).not.toContain('my-svg"');
    expect(page).not.toContain('#my-svg ');
    expect(page).toContain('<svg id="fsmkit-state-primary"');
    expect(page).toContain('#fsmkit-state-primary .node rect{fill:red;}');
    expect(page).toContain('#fsmkit-trace-a .node rect{fill:blue;}');
    expect(page).toContain('url(#fsmkit-trace-a_flowchart-pointEnd)');
    expect(page.match(/<svg id="([^"]+)"/g)).toHaveLength(2);
  });

  it('leaves a word that merely contains the id alone, and an SVG without an id as it is', () => {
    expect(withOwnId(svg('red'), 'x.svg')).toContain('.my-svgx{}');
    expect(withOwnId('<svg><g/></svg>', 'x.svg')).toBe('<svg><g/></svg>');
  });
});
