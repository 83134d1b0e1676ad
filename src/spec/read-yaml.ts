import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
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

/** A spec nests about six levels deep; far deeper is a mistake or an attack, and would exhaust the stack later. */
export const MAX_DEPTH = 64;

/** How to start a spec, for an empty file. */
const HOW_TO_START =
  'run `fsmkit init` to write a small commented spec to start from, or begin with `fsmkit: 1`, `name:` and `title:` (docs/spec-format.md walks through a whole spec)';

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
      message: yamlMessage(error.code, error.message),
      file,
      start: toPos(from),
      end: toPos(to),
      hint: yamlHint(error.code, error.message),
    });
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && doc.contents.range[0] === doc.contents.range[1])) {
    const onlyComments = text.trim() !== '';
    return {
      diagnostics: [
        {
          code: 'EMPTY_SPEC',
          severity: 'error',
          message: onlyComments ? 'the file holds only comments: there is no spec in it yet' : 'the file is empty: there is no spec in it yet',
          file,
          start: { line: 1, col: 1 },
          hint: HOW_TO_START,
        },
      ],
    };
  }
  const shape = checkShape(doc);
  if (shape) {
    const span = shape.node.range;
    return {
      diagnostics: [
        {
          code: 'YAML_SYNTAX',
          severity: 'error',
          message: shape.message,
          file,
          start: toPos(span?.[0] ?? 0),
          end: toPos(span?.[1] ?? 0),
          hint: shape.hint,
        },
      ],
    };
  }

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

/**
 * Finds what the parser accepts but a spec cannot be: nesting deeper than
 * MAX_DEPTH, and an alias inside the very node it names (an endless loop).
 * Walks without recursion, so depth itself cannot overflow the stack.
 */
function checkShape(doc: Document): { node: Node; message: string; hint: string } | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_DEPTH) {
      return {
        node,
        message: `the document nests more than ${MAX_DEPTH} levels deep here`,
        hint: 'a spec nests a few levels deep; check for unclosed brackets or runaway indentation',
      };
    }
    for (const item of node.items) {
      const value = isPair(item) ? item.value : item;
      stack.push({ node: value, depth: depth + 1 });
    }
  }
  let loop: { node: Node; message: string; hint: string } | undefined;
  visit(doc, {
    Alias(_key, alias) {
      const target = alias.resolve(doc);
      const [from, to] = target?.range ?? [0, 0];
      const at = alias.range?.[0] ?? -1;
      if (target && at >= from && at < to) {
        loop = {
          node: alias,
          message: `alias *${alias.source} lies inside the node &${alias.source} it names, so it would repeat forever`,
          hint: `write the content out, or anchor a node that does not contain *${alias.source}`,
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return loop;
}

/** The parser's message, without words that only make sense to a programmer of the parser. */
function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'a second YAML document starts here; a spec file holds one document';
  if (/call stack/i.test(message)) return `the document nests too deeply to be read (a spec nests a few levels; at most ${MAX_DEPTH} are allowed)`;
  return firstLine(message);
}

function yamlHint(code: string, message: string): string | undefined {
  if (/call stack/i.test(message)) return 'check for unclosed brackets or runaway indentation';
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
