import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** A line longer than the cap: counted and reported, never held in memory. */
export interface OverlongLine {
  overlong: number;
}

/** Why an input could not be read (to its end). */
export class LogInputError extends Error {
  constructor(
    message: string,
    readonly kind: 'binary' | 'truncated' | 'unreadable',
  ) {
    super(message);
    this.name = 'LogInputError';
  }
}

/** @default 65536 characters */
export const MAX_LINE_LENGTH = 65536;

/** The lines of one chunk of input that are worth reading. */
export interface LineBatch {
  /** The lines kept (every line, or those containing a marker), and every line over the cap. */
  lines: (string | OverlongLine)[];
  /** Their 1-based line numbers. */
  numbers: number[];
  /** Lines read so far, kept or not. */
  total: number;
}

export interface ReadLinesOptions {
  /** @default MAX_LINE_LENGTH */
  maxLineLength?: number;
  /** Keep only lines containing one of these literals (none given: keep every line). */
  markers?: readonly string[];
}

/**
 * Streams the lines of a log in batches, one per chunk read, gzip or plain
 * (told by its first two bytes), with CR LF or LF endings, in memory bounded
 * by the line cap: a longer line is skipped and reported by its length only.
 * With markers, lines without one are counted but never cut out of the
 * chunk: on a long log most lines say nothing about states, and this is
 * where the time goes.
 * @throws LogInputError for binary input (a NUL byte near the start), a
 * truncated or corrupt gzip stream (after yielding every line read), or a
 * read error
 */
export async function* readLines(input: Readable, options: ReadLinesOptions = {}): AsyncGenerator<LineBatch> {
  const maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH;
  const markers = options.markers ?? [];
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = 0;
  let checked = false;
  let total = 0;
  let gzip = false;
  const next = markers.map(() => -1);
  const keep = (line: string) => markers.length === 0 || markers.some((m) => line.includes(m));
  try {
    const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
    const first = await chunks.next();
    if (first.done) return;
    const head = Buffer.from(first.value);
    gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    const replay = (async function* () {
      yield head;
      for (;;) {
        const chunk = await chunks.next();
        if (chunk.done) return;
        yield Buffer.from(chunk.value);
      }
    })();
    const source: AsyncIterable<Buffer> = gzip ? streamGunzip(replay) : replay;
    for await (const chunk of source) {
      if (!checked) {
        checked = true;
        if (chunk.subarray(0, 8192).includes(0)) {
          throw new LogInputError('the input is binary (it contains NUL bytes), not a text log', 'binary');
        }
      }
      const text = decoder.write(chunk);
      const batch: LineBatch = { lines: [], numbers: [], total };
      for (let k = 0; k < next.length; k++) next[k] = -1;
      // Does text[start, end) hold a marker? Each marker's next place is searched once per chunk and reused.
      const marked = (start: number, end: number): boolean => {
        if (markers.length === 0) return true;
        for (let k = 0; k < markers.length; k++) {
          let at = next[k] as number;
          if (at < start && at !== Number.POSITIVE_INFINITY) {
            at = text.indexOf(markers[k] as string, start);
            if (at < 0) at = Number.POSITIVE_INFINITY;
            next[k] = at;
          }
          if (at < end) return true;
        }
        return false;
      };
      let start = 0;
      for (;;) {
        const end = text.indexOf('\n', start);
        if (end < 0) break;
        total++;
        if (skipping > 0) {
          batch.lines.push({ overlong: skipping + end - start });
          batch.numbers.push(total);
          skipping = 0;
        } else if (pending !== '') {
          const line = pending + text.slice(start, end);
          pending = '';
          if (line.length > maxLineLength) {
            batch.lines.push({ overlong: line.length });
            batch.numbers.push(total);
          } else if (keep(line)) {
            batch.lines.push(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
            batch.numbers.push(total);
          }
        } else if (end - start > maxLineLength) {
          batch.lines.push({ overlong: end - start });
          batch.numbers.push(total);
        } else if (marked(start, end)) {
          const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
          batch.lines.push(text.slice(start, stop));
          batch.numbers.push(total);
        }
        start = end + 1;
      }
      if (start < text.length) {
        if (skipping > 0) skipping += text.length - start;
        else {
          pending += text.slice(start);
          if (pending.length > maxLineLength) {
            skipping = pending.length;
            pending = '';
          }
        }
      }
      batch.total = total;
      yield batch;
    }
  } catch (error) {
    if (error instanceof LogInputError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (gzip && (e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR' || /unexpected end of file/i.test(e.message))) {
      throw new LogInputError(`the gzip stream ends early or is corrupt (${e.message})`, 'truncated');
    }
    throw new LogInputError(e.message, 'unreadable');
  }
  const rest = pending + decoder.end();
  if (skipping === 0 && rest === '') return;
  total++;
  const last: LineBatch = { lines: [], numbers: [total], total };
  if (skipping > 0) last.lines.push({ overlong: skipping + rest.length });
  else if (rest.length > maxLineLength) last.lines.push({ overlong: rest.length });
  else if (keep(rest)) last.lines.push(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  else last.numbers.pop();
  yield last;
}

/** Decompresses a gzip byte stream, concatenated members included, and passes its errors on. */
async function* streamGunzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  const feed = (async () => {
    try {
      for await (const chunk of source) if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
      gunzip.end();
    } catch (error) {
      gunzip.destroy(error as Error);
    }
  })();
  for await (const chunk of gunzip) yield chunk as Buffer;
  await feed;
}

/** Opens a file, or stdin for "-". */
export function openLog(path: string): Readable {
  return path === '-' ? process.stdin : createReadStream(path);
}
