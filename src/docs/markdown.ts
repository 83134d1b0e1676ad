import { escapeMarkdown } from '../codegen/escape.js';

/** Escapes text for a Markdown table cell or paragraph: no pipe, markup, HTML or invisible character gets through. */
export function md(text: string): string {
  return escapeMarkdown(text);
}

/** A Markdown table from a header and rows of already-escaped cells. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}
