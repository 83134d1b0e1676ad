import { invisiblePattern, showInvisible } from '../diagnostics/invisible.js';

export { codePointName, showInvisible } from '../diagnostics/invisible.js';

/**
 * One escaper per target language. Spec text (descriptions, aliases) is
 * free text and may hold anything: comment terminators, quotes, backticks,
 * `${`, line separators. Each function keeps the text readable and makes
 * it inert in its target.
 */

const LINE_BREAKS = /\r\n|\r|\n|\u2028|\u2029/g;

/** Replaces every invisible character by a `\uXXXX` escape: for string literals of JSON, TypeScript and JavaScript. */
function escapeInvisibleAsUnicode(text: string): string {
  return text.replace(invisiblePattern(), (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/**
 * JSON text with every invisible character inside its strings written as a
 * `\uXXXX` escape (JSON.stringify leaves bidi controls and C1 controls raw).
 * Outside strings JSON has only ASCII, so the whole text can be processed.
 */
export function escapeJsonText(json: string): string {
  return escapeInvisibleAsUnicode(json)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text for a Markdown table cell or paragraph: no pipe, markup, HTML or invisible character gets through. */
export function escapeMarkdown(text: string): string {
  return showInvisible(text.replace(LINE_BREAKS, ' '))
    .replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/**
 * Text for a terminal: invisible characters (escape sequences, bidi
 * controls) shown by name, so no spec or log text can move the cursor,
 * recolour the screen or reorder what is displayed.
 */
export function escapeTerminal(text: string): string {
  return showInvisible(text);
}

/** Text for a JSDoc/TSDoc block: no `*\/` can close it, no `@` starts a tag. */
export function escapeDocComment(text: string): string {
  return showInvisible(text.replace(LINE_BREAKS, '\n'))
    .replace(/\*\//g, '*\\/')
    .replace(/@/g, '\\@')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/**
 * A double-quoted TypeScript/JavaScript string literal. JSON's escaping
 * covers quotes, backslashes and control characters; U+2028 and U+2029 are
 * escaped too so that no older parser sees a line break.
 */
export function tsStringLiteral(text: string): string {
  return escapeJsonText(JSON.stringify(text));
}

/** UPPER_SNAKE form of a name: `FsmState` → `FSM_STATE`, `json` → `JSON`. */
export function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** kebab-case form of a name: `FsmState` → `fsm-state`. */
export function kebabCase(name: string): string {
  return upperSnake(name).toLowerCase().replace(/_/g, '-');
}

/**
 * A C string literal: backslash, quote, `?` (so no trigraph such as `??/`
 * forms) and every byte outside printable ASCII are escaped, non-ASCII as
 * three-digit octal UTF-8 bytes (a hex escape would swallow following digits).
 */
export function cStringLiteral(text: string): string {
  let out = '"';
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    if (ch === '\\' || ch === '"' || ch === '?') out += `\\${ch}`;
    else if (byte >= 0x20 && byte < 0x7f) out += ch;
    else if (ch === '\n') out += '\\n';
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** Text for a C block comment: no `*\/` closes it, no `??` starts a trigraph, one line per line. */
export function escapeCComment(text: string): string[] {
  return showInvisible(text.replace(LINE_BREAKS, '\n'))
    .split('\n')
    .map((line) => line.replace(/\*\//g, '* /').replace(/\/\*/g, '/ *').replace(/\?\?/g, '? ?').trimEnd());
}

/**
 * Text for a Mermaid label: letters, digits, spaces and `-_.,/()[]` pass;
 * every other character becomes a Mermaid entity code (`#35;`), so no text
 * can end a label, start a new statement, or inject markup.
 */
export function escapeMermaidLabel(text: string): string {
  let out = '';
  for (const ch of showInvisible(text.replace(LINE_BREAKS, ' '))) {
    out += /[A-Za-z0-9 _.,/()[\]-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

/** A Mermaid node id: only letters, digits and underscores. */
export function mermaidId(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}
