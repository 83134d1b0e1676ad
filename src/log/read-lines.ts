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

/**
 * Streams the lines of a log in batches (one per chunk read: yielding line
 * by line from an async generator costs more than judging the line), gzip
 * or plain (told by its first two bytes), with CR LF or LF endings, in
 * memory bounded by `maxLineLength`: a longer line is skipped and yielded
 * as its length only.
 * @throws LogInputError for binary input (a NUL byte near the start), a
 * truncated or corrupt gzip stream (after yielding every line read), or a
 * read error
 */
export async function* readLines(input: Readable, maxLineLength = MAX_LINE_LENGTH): AsyncGenerator<(string | OverlongLine)[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = 0;
  let checked = false;
  let source: AsyncIterable<Buffer> = input;
  let gzip = false;
  try {
    const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
    const first = await chunks.next();
    if (first.done) return;
    const head = Buffer.from(first.value);
    gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    const replay = (async function* () {
      yield head;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        yield Buffer.from(next.value);
      }
    })();
    source = gzip ? streamGunzip(replay) : replay;
    for await (const chunk of source) {
      if (!checked) {
        checked = true;
        if (chunk.subarray(0, 8192).includes(0)) {
          throw new LogInputError('the input is binary (it contains NUL bytes), not a text log', 'binary');
        }
      }
      let text = decoder.write(chunk);
      const batch: (string | OverlongLine)[] = [];
      let start = 0;
      for (;;) {
        const end = text.indexOf('\n', start);
        if (end < 0) break;
        if (skipping > 0) {
          batch.push({ overlong: skipping + end - start });
          skipping = 0;
        } else {
          let line = pending === '' ? text.slice(start, end) : pending + text.slice(start, end);
          pending = '';
          if (line.length > maxLineLength) {
            batch.push({ overlong: line.length });
          } else {
            if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
            batch.push(line);
          }
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
      text = '';
      if (batch.length > 0) yield batch;
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
  if (skipping > 0) yield [{ overlong: skipping + rest.length }];
  else if (rest.length > maxLineLength) yield [{ overlong: rest.length }];
  else if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
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
