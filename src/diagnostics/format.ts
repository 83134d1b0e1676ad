import type { Diagnostic } from './diagnostic.js';

/** Colours text for a terminal; the identity when colour is off. */
export type Paint = (style: 'error' | 'warning' | 'dim' | 'bold', text: string) => string;

export const noPaint: Paint = (_style, text) => text;

/**
 * Formats one diagnostic the way compilers do: place, severity and code, the
 * message, the source line with a caret under the culprit, then the hint.
 * `source` is the file's text when it is at hand.
 */
export function formatDiagnostic(d: Diagnostic, source?: string, paint: Paint = noPaint): string {
  const lines = [`${d.file}:${d.start.line}:${d.start.col} ${paint(d.severity, d.severity)} ${paint('bold', d.code)}`, `  ${d.message}`];
  const excerpt = source === undefined ? undefined : excerptAt(source, d);
  if (excerpt) lines.push(...excerpt.map((l) => paint('dim', l)));
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  for (const r of d.related ?? []) lines.push(`  see ${r.file}:${r.start.line}:${r.start.col}: ${r.message}`);
  return lines.join('\n');
}

function excerptAt(source: string, d: Diagnostic): string[] | undefined {
  const text = source.split(/\r?\n/)[d.start.line - 1];
  if (text === undefined || text.trim() === '') return undefined;
  const shown = text.replace(/\t/g, ' ');
  const lineNo = String(d.start.line);
  const gutter = ' '.repeat(lineNo.length);
  const endCol = d.end && d.end.line === d.start.line ? d.end.col : shown.length + 1;
  const width = Math.max(1, Math.min(endCol, shown.length + 1) - d.start.col);
  return [`    ${lineNo} | ${shown}`, `    ${gutter} | ${' '.repeat(Math.max(0, d.start.col - 1))}${'^'.repeat(width)}`];
}
