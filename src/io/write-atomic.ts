import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { holdStopSignals } from './signals.js';

/** A file to write: absolute or cwd-relative path and its text. */
export interface FileToWrite {
  path: string;
  contents: string | Uint8Array;
}

/**
 * A file could not be written (read-only folder, no space, a folder where a
 * file should go). Nothing was changed. Carries an `OUTPUT_UNWRITABLE`
 * diagnostic naming the file and the fix, for the caller to report.
 */
export class OutputUnwritableError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(path: string, cause: unknown) {
    const reason = (cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message ?? String(cause);
    const why: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on the device',
      EISDIR: 'a folder is in the way',
      ENOTDIR: 'a file is in the way of a folder',
    };
    super(`cannot write ${path}: ${why[reason] ?? (cause as Error)?.message ?? reason}`, { cause });
    this.name = 'OutputUnwritableError';
    this.diagnostic = {
      code: 'OUTPUT_UNWRITABLE',
      severity: 'error',
      message: `${this.message}; nothing was changed`,
      file: path,
      start: { line: 1, col: 1 },
      hint: `make ${dirname(path)} a writable folder, or write elsewhere (--out)`,
    };
  }
}

/** @internal Test hooks, called at the two moments a stop signal is most harmful. */
export interface WriteHooks {
  /** After the n-th temporary file is on disk (before the switch is decided). */
  staged?: (n: number) => void;
  /** After the switch is decided (the journal is in place), before the first rename. */
  switching?: () => void;
}

/**
 * The journal of a switch in progress, in the folder of the first file. Its
 * presence means every temporary file was on disk: a run that dies during
 * the renames (even by SIGKILL) is finished by the next one.
 */
export const JOURNAL = '.fsmkit-switch.json';

/** Temporary files of this writer, from a run that was killed before it could clean up. */
export const LEFTOVER = /^\..+\.fsmkit-\d+-[0-9a-f]{8}\.tmp$/;

interface Move {
  from: string;
  to: string;
}

/**
 * Writes all files or none, even under SIGINT or SIGTERM. Every file goes
 * to a temporary file beside its target; only when all are on disk, and
 * every target is replaceable (absent or a regular file), a journal listing
 * the renames is put in place, the renames run, and the journal is removed.
 * A stop signal while staging removes the temporary files and changes
 * nothing; one during the renames waits until they are done. Either way the
 * signal is raised again afterwards. A run killed outright during the
 * renames leaves the journal, and the next run finishes its switch first.
 */
export async function writeFilesAtomically(files: readonly FileToWrite[], hooks: WriteHooks = {}): Promise<void> {
  const suffix = `.fsmkit-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const dirs = [...new Set(files.map((f) => dirname(f.path)))];
  const guard = holdStopSignals();
  const staged: Move[] = [];
  let journal: string | undefined;
  try {
    for (const dir of dirs) await finishInterruptedSwitch(dir);
    for (const dir of dirs) await removeLeftovers(dir);
    for (const file of files) {
      guard.signal.throwIfAborted();
      const temp = join(dirname(file.path), `.${baseName(file.path)}${suffix}`);
      try {
        await mkdir(dirname(file.path), { recursive: true });
        staged.push({ from: temp, to: file.path });
        await writeFile(temp, file.contents, typeof file.contents === 'string' ? { encoding: 'utf8', flush: true } : { flush: true });
      } catch (error) {
        throw new OutputUnwritableError(file.path, error);
      }
      hooks.staged?.(staged.length);
    }
    for (const { to } of staged) await assertReplaceable(to);
    guard.signal.throwIfAborted();
    if (staged.length > 0) {
      const path = join(dirname(staged[0]?.to as string), JOURNAL);
      const temp = join(dirname(path), `${JOURNAL}${suffix}`);
      try {
        await writeFile(temp, JSON.stringify({ moves: staged }), { encoding: 'utf8', flush: true });
        // The commit point: from here on the switch is finished, by this run or the next.
        await rename(temp, path);
      } finally {
        await rm(temp, { force: true });
      }
      journal = path;
    }
  } catch (error) {
    await Promise.all(staged.map(({ from }) => rm(from, { force: true })));
    guard.release();
    throw error;
  }
  try {
    hooks.switching?.();
    for (const { from, to } of staged) await rename(from, to);
    if (journal) await rm(journal, { force: true });
  } finally {
    guard.release();
  }
}

/** Finishes the renames of a run that died after deciding its switch, then drops its journal. */
async function finishInterruptedSwitch(dir: string): Promise<void> {
  const journal = join(dir, JOURNAL);
  const text = await readFile(journal, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  let moves: Move[] = [];
  try {
    moves = (JSON.parse(text) as { moves: Move[] }).moves;
  } catch {
    // A journal is renamed into place whole; an unreadable one was not written by fsmkit.
  }
  for (const { from, to } of moves) {
    await rename(from, to).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // already moved before the run died
    });
  }
  await rm(journal, { force: true });
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

async function assertReplaceable(target: string): Promise<void> {
  const info = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info && !info.isFile()) throw new OutputUnwritableError(target, new Error('it is not a regular file'));
}

async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => LEFTOVER.test(n)).map((n) => rm(join(dir, n), { force: true })));
}
