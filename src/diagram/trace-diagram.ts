import { escapeMermaidLabel } from '../codegen/escape.js';
import type { ServerView, Trace } from '../explore/trace.js';

const FONT = 'arial, sans-serif';

/**
 * A counterexample as a Mermaid `sequenceDiagram`: the two servers with the
 * link between them; each step is a note over the server that moved (or the
 * link), labelled with its rule or event and section, then the states after.
 */
export function renderTraceDiagram(trace: Trace, roles: readonly [string, string], title: string): string {
  const [r0, r1] = roles;
  const lines = [
    // Mermaid sizes notes with one font and draws them with another unless both are named: without this, text overflows its box.
    `%%{init: {"fontFamily": "${FONT}", "sequence": {"noteFontFamily": "${FONT}", "actorFontFamily": "${FONT}", "messageFontFamily": "${FONT}"}}}%%`,
    'sequenceDiagram',
    `  title ${escapeMermaidLabel(title)}`,
    `  participant A as ${escapeMermaidLabel(r0)}`,
    '  participant L as link',
    `  participant B as ${escapeMermaidLabel(r1)}`,
  ];
  const show = (v: ServerView | undefined) => (v ? `${v.state}${v.memory ? ` [${v.memory}]` : ''}${v.flag ? ' *' : ''}` : '?');
  trace.forEach((step, i) => {
    const after = `${show(step.after.servers[r0])} | ${step.after.network === 'up' ? 'up' : 'down'} | ${show(step.after.servers[r1])}`;
    if (step.kind === 'start') {
      lines.push(`  Note over A,B: ${escapeMermaidLabel(`start: ${after}`)}`);
      return;
    }
    const what = step.rule ? `${step.rule} on ${step.event}` : (step.event ?? '?');
    const label = escapeMermaidLabel(`${i}. ${what}${step.ref ? ` (${step.ref})` : ''}`);
    const who = step.server === r0 ? 'A' : step.server === r1 ? 'B' : 'L';
    lines.push(`  Note over ${who}: ${label}`);
    lines.push(`  Note over A,B: ${escapeMermaidLabel(after)}`);
  });
  return `${lines.join('\n')}\n`;
}
