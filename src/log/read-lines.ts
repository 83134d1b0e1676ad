import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Streams the lines of a log, gzip or plain (told by its first two bytes),
 * with CR LF or LF endings, in constant memory.
 */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const source = await sniffGzip(input);
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Opens a file, or stdin for "-". */
export function openLog(path: string): Readable {
  return path === '-' ? process.stdin : createReadStream(path);
}

/** Looks at the first chunk for the gzip magic bytes (1f 8b), then replays it. */
async function sniffGzip(input: Readable): Promise<Readable> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await chunks.next();
  const replay = Readable.from(
    (async function* () {
      if (!first.done) yield Buffer.from(first.value);
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        yield Buffer.from(next.value);
      }
    })(),
    { objectMode: false },
  );
  const head = first.done ? undefined : Buffer.from(first.value);
  return head && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b ? replay.pipe(createGunzip()) : replay;
}
