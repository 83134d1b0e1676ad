import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';

/** A path into the parsed data: keys and list indexes. */
export type DataPath = readonly (string | number)[];

export interface Span {
  start: Position;
  end: Position;
}

/** A parsed YAML file: its plain data and a way back from data to text. */
export interface YamlSource {
  file: string;
  text: string;
  data: unknown;
  /** Span of the value at `path`, or of the nearest enclosing node that exists. */
  locate(path: DataPath): Span;
  /** Span of the key of the entry at `path` (for unknown or misspelled keys). */
  locateKey(path: DataPath): Span;
}

/** Aliases may be used, but not to build an exponential "billion laughs" document. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML text, keeping node ranges so that every later diagnostic can
 * name a line and column. Syntax errors come back as diagnostics, never thrown.
 */
export function readYaml(file: string, text: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const toPos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const [from, to] = error.pos;
    diagnostics.push({
      code: 'YAML_SYNTAX',
      severity: 'error',
      message: firstLine(error.message),
      file,
      start: toPos(from),
      end: toPos(to),
      hint: yamlHint(error.code),
    });
  }
  if (diagnostics.length > 0) return { diagnostics };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // toJS throws for alias abuse (too many alias expansions) and similar.
    return {
      diagnostics: [
        {
          code: 'YAML_SYNTAX',
          severity: 'error',
          message: `the document cannot be expanded: ${firstLine(String((error as Error).message))}`,
          file,
          start: { line: 1, col: 1 },
          hint: `write the repeated parts out instead of nesting aliases (at most ${MAX_ALIAS_COUNT} alias expansions)`,
        },
      ],
    };
  }

  const spanOf = (node: Node | null | undefined): Span | undefined => {
    const range = node?.range;
    return range ? { start: toPos(range[0]), end: toPos(range[1]) } : undefined;
  };
  const whole: Span = { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };

  /** Walks as far down `path` as the document goes; returns the nodes passed. */
  const walk = (path: DataPath): { node?: Node; key?: Node }[] => {
    const trail: { node?: Node; key?: Node }[] = [{ node: doc.contents ?? undefined }];
    let current: unknown = doc.contents;
    for (const segment of path) {
      if (isMap(current)) {
        const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
        if (!pair) break;
        trail.push({ node: (pair.value as Node) ?? undefined, key: pair.key as Node });
        current = pair.value;
      } else if (isSeq(current) && typeof segment === 'number') {
        const item = current.items[segment] as Node | undefined;
        if (!item) break;
        trail.push({ node: item });
        current = item;
      } else break;
    }
    return trail;
  };

  const source: YamlSource = {
    file,
    text,
    data,
    locate(path) {
      const trail = walk(path);
      for (let i = trail.length - 1; i >= 0; i--) {
        const step = trail[i];
        // A pair with an empty value has no value range: point at its key.
        const span = spanOf(step?.node) ?? spanOf(step?.key);
        if (span) return span;
      }
      return whole;
    },
    locateKey(path) {
      const trail = walk(path);
      const last = trail[trail.length - 1];
      if (trail.length === path.length + 1 && last?.key) return spanOf(last.key) ?? whole;
      return source.locate(path);
    },
  };
  return { source, diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'remove or rename one of the two keys';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested entries use more spaces than their parent, never tabs';
    case 'MULTIPLE_DOCS':
      return 'a spec is one YAML document; remove the extra `---` separator';
    default:
      return undefined;
  }
}
