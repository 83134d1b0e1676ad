import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A file to write: absolute or cwd-relative path and its text. */
export interface FileToWrite {
  path: string;
  contents: string | Uint8Array;
}

/**
 * Writes all files or none: each goes to a temporary file beside its target
 * first; only when every one is on disk, and every target is known to be
 * replaceable (absent or a regular file), are they renamed into place. A
 * rename within a folder is atomic, so a reader never sees a partial file.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[]): Promise<void> {
  const suffix = `.fsmkit-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const staged: { temp: string; target: string }[] = [];
  // A run killed between writing and renaming leaves its temporary files behind.
  for (const dir of new Set(files.map((f) => dirname(f.path)))) await removeLeftovers(dir);
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${baseName(file.path)}${suffix}`);
      staged.push({ temp, target: file.path });
      await writeFile(temp, file.contents, typeof file.contents === 'string' ? { encoding: 'utf8', flush: true } : { flush: true });
    }
    for (const { target } of staged) await assertReplaceable(target);
    for (const { temp, target } of staged) await rename(temp, target);
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

async function assertReplaceable(target: string): Promise<void> {
  const info = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info && !info.isFile()) throw new Error(`cannot replace ${target}: it is not a regular file`);
}

/** Temporary files of this writer, from a run that was killed before it could clean up. */
export const LEFTOVER = /^\..+\.fsmkit-\d+-[0-9a-f]{8}\.tmp$/;

async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => LEFTOVER.test(n)).map((n) => rm(join(dir, n), { force: true })));
}
