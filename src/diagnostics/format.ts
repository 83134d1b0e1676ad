import type { Diagnostic } from './diagnostic.js';
import { showInvisible } from './invisible.js';

/** Colours text for a terminal; the identity when colour is off. */
export type Paint = (style: 'error' | 'warning' | 'dim' | 'bold', text: string) => string;

export const noPaint: Paint = (_style, text) => text;

/**
 * Formats one diagnostic the way compilers do: place, severity and code, the
 * message, the source line with a caret under the culprit, then the hint.
 * `source` is the file's text when it is at hand.
 */
export function formatDiagnostic(d: Diagnostic, source?: string, paint: Paint = noPaint): string {
  // Every piece may quote the spec or a log: none reaches the terminal raw.
  const t = showInvisible;
  const lines = [`${t(d.file)}:${d.start.line}:${d.start.col} ${paint(d.severity, d.severity)} ${paint('bold', d.code)}`, `  ${t(d.message)}`];
  const excerpt = source === undefined ? undefined : excerptAt(source, d);
  if (excerpt) lines.push(...excerpt.map((l) => paint('dim', l)));
  if (d.hint) lines.push(`  hint: ${t(d.hint)}`);
  for (const r of d.related ?? []) lines.push(`  see ${t(r.file)}:${r.start.line}:${r.start.col}: ${t(r.message)}`);
  return lines.join('\n');
}

/** The longest excerpt line shown, in characters. */
const MAX_EXCERPT = 120;

function excerptAt(source: string, d: Diagnostic): string[] | undefined {
  const text = source.split(/\r?\n/)[d.start.line - 1];
  if (text === undefined || text.trim() === '') return undefined;
  // Escape character by character so that the caret still lines up under
  // the culprit when an invisible character before it is shown by name.
  const cols: number[] = [0];
  let shown = '';
  for (const ch of text) {
    shown += ch === '\t' ? ' ' : showInvisible(ch);
    for (let i = 1; i < ch.length; i++) cols.push(shown.length);
    cols.push(shown.length);
  }
  const at = (col: number) => cols[Math.max(0, Math.min(col - 1, cols.length - 1))] as number;
  const lineNo = String(d.start.line);
  const gutter = ' '.repeat(lineNo.length);
  let start = at(d.start.col);
  const end = d.end && d.end.line === d.start.line ? at(d.end.col) : shown.length;
  let width = Math.max(1, end - start);
  // A very long line (minified or runaway nesting) is cut to a window around the culprit.
  if (shown.length > MAX_EXCERPT) {
    const from = Math.max(0, Math.min(start - 20, shown.length - MAX_EXCERPT));
    const cut = shown.slice(from, from + MAX_EXCERPT);
    shown = `${from > 0 ? '…' : ''}${cut}${from + MAX_EXCERPT < shown.length ? '…' : ''}`;
    start = start - from + (from > 0 ? 1 : 0);
    width = Math.max(1, Math.min(width, MAX_EXCERPT - (start - (from > 0 ? 1 : 0))));
  }
  return [`    ${lineNo} | ${shown}`, `    ${gutter} | ${' '.repeat(start)}${'^'.repeat(width)}`];
}
