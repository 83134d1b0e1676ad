import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { describeInvisible, findInvisible } from '../diagnostics/invisible.js';
import { describePath } from './describe-path.js';
import type { YamlSource } from './read-yaml.js';

const HINT =
  'delete it (most editors show it once you turn on "render control characters"); a spec is source code, and such a character would reach the generated code, pages and diagrams';

/**
 * Refuses invisible characters (controls, bidirectional overrides,
 * zero-width characters) anywhere in the spec: written raw in the text,
 * comments included, or produced by a YAML escape such as "\u202E" in a
 * double-quoted string. One diagnostic per line is enough to find them all.
 */
export function checkText(source: YamlSource): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const linesWithRaw = new Set<number>();
  const starts = lineStarts(source.text);
  for (const { index, char } of findInvisible(source.text)) {
    // An editor may save a byte order mark at the very start; YAML allows it there.
    if (index === 0 && char === '\ufeff') continue;
    const start = positionOf(starts, index);
    if (linesWithRaw.has(start.line)) continue;
    linesWithRaw.add(start.line);
    diagnostics.push({
      code: 'UNSAFE_CHARACTER',
      severity: 'error',
      message: `line ${start.line} holds ${describeInvisible(char)}, which displays differently from what it is`,
      file: source.file,
      start,
      end: { line: start.line, col: start.col + char.length },
      hint: HINT,
    });
  }
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      const found = findInvisible(value)[0];
      // Locating walks the document from its root: only for the rare string that needs it.
      const span = found ? source.locate(path) : undefined;
      if (found && span && !linesWithRaw.has(span.start.line)) {
        diagnostics.push({
          code: 'UNSAFE_CHARACTER',
          severity: 'error',
          message: `${describePath(source.data, path)} holds ${describeInvisible(found.char)}, written as an escape`,
          file: source.file,
          start: span.start,
          end: span.end,
          hint: 'remove the escape; a spec is source code, and the character would reach the generated code, pages and diagrams',
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const found = findInvisible(key)[0];
        const span = found ? source.locateKey([...path, key]) : undefined;
        if (found && span && !linesWithRaw.has(span.start.line)) {
          diagnostics.push({
            code: 'UNSAFE_CHARACTER',
            severity: 'error',
            message: `a key of ${describePath(source.data, path)} holds ${describeInvisible(found.char)}, written as an escape`,
            file: source.file,
            start: span.start,
            end: span.end,
            hint: 'remove the escape from the key',
          });
        }
        walk(item, [...path, key]);
      }
    }
  };
  walk(source.data, []);
  return diagnostics;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function positionOf(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] as number) + 1 };
}
