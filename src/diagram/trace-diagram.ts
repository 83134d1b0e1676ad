import { escapeMermaidLabel } from '../codegen/escape.js';
import type { ServerView, Trace } from '../explore/trace.js';

const FONT = 'arial, sans-serif';

/**
 * A counterexample as a Mermaid `sequenceDiagram`: one lifeline per server
 * of each relationship, with the link between the two hosts' lifelines; each
 * step is a note over the server that moved (over every lifeline of a host
 * for a host step, over the link for a network step), labelled with its rule
 * or event and section, then the states after. With one relationship the
 * lifelines are the two servers and the link.
 */
export function renderTraceDiagram(trace: Trace, roles: readonly [string, string], title: string): string {
  const [r0, r1] = roles;
  const k = trace[0]?.after.relationships.length ?? 1;
  const id = (side: 'A' | 'B', r: number) => (k === 1 ? side : `${side}${r}`);
  const name = (role: string, r: number) => (k === 1 ? role : `r${r} ${role}`);
  const lines = [
    // Mermaid sizes notes with one font and draws them with another unless both are named: without this, text overflows its box.
    `%%{init: {"fontFamily": "${FONT}", "sequence": {"noteFontFamily": "${FONT}", "actorFontFamily": "${FONT}", "messageFontFamily": "${FONT}"}}}%%`,
    'sequenceDiagram',
    `  title ${escapeMermaidLabel(title)}`,
  ];
  for (let r = 1; r <= k; r++) lines.push(`  participant ${id('A', r)} as ${escapeMermaidLabel(name(r0, r))}`);
  lines.push('  participant L as link');
  for (let r = 1; r <= k; r++) lines.push(`  participant ${id('B', r)} as ${escapeMermaidLabel(name(r1, r))}`);
  const all = `${id('A', 1)},${id('B', k)}`;
  const show = (v: ServerView | undefined) => (v ? `${v.state}${v.memory ? ` [${v.memory}]` : ''}${v.flag ? ' *' : ''}` : '?');
  trace.forEach((step, i) => {
    const pairs = step.after.relationships.map((r, j) => `${k === 1 ? '' : `r${j + 1} `}${show(r[r0])} | ${show(r[r1])}`);
    const network = step.after.network === 'up' ? 'up' : 'down';
    const after =
      k === 1
        ? `${show(step.after.relationships[0]?.[r0])} | ${network} | ${show(step.after.relationships[0]?.[r1])}`
        : `${pairs.join('; ')}; network ${network}`;
    if (step.kind === 'start') {
      lines.push(`  Note over ${all}: ${escapeMermaidLabel(`start: ${after}`)}`);
      return;
    }
    const what = step.rule ? `${step.rule} on ${step.event}` : (step.event ?? '?');
    const label = escapeMermaidLabel(`${i}. ${what}${step.ref ? ` (${step.ref})` : ''}`);
    const side = step.server === r0 ? 'A' : step.server === r1 ? 'B' : undefined;
    const who = !side ? 'L' : step.relationship !== undefined || k === 1 ? id(side, step.relationship ?? 1) : `${id(side, 1)},${id(side, k)}`;
    lines.push(`  Note over ${who}: ${label}`);
    lines.push(`  Note over ${all}: ${escapeMermaidLabel(after)}`);
  });
  return `${lines.join('\n')}\n`;
}
