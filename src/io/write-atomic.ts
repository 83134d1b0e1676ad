import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A file to write: absolute or cwd-relative path and its text. */
export interface FileToWrite {
  path: string;
  contents: string;
}

/**
 * Writes all files or none: each goes to a temporary file beside its target
 * first, and only when every one is on disk are they renamed into place
 * (a rename within a folder is atomic). A reader never sees a partial file.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[]): Promise<void> {
  const suffix = `.fsmkit-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${baseName(file.path)}${suffix}`);
      staged.push({ temp, target: file.path });
      await writeFile(temp, file.contents, { encoding: 'utf8', flush: true });
    }
    for (const { temp, target } of staged) await rename(temp, target);
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
