import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Specs are small; a larger file is a mistake (or an attack), not a spec. */
export const MAX_SPEC_BYTES = 8 * 1024 * 1024;

/**
 * Reads a UTF-8 text file for checking. Every failure (missing, a folder,
 * too large, not UTF-8) becomes a diagnostic, never an exception.
 */
export async function readTextFile(file: string, maxBytes = MAX_SPEC_BYTES): Promise<{ text?: string; diagnostics: Diagnostic[] }> {
  const fail = (message: string, hint: string) => ({
    diagnostics: [{ code: 'FILE_UNREADABLE' as const, severity: 'error' as const, message, file, start: { line: 1, col: 1 }, hint }],
  });
  try {
    const info = await stat(file);
    if (info.isDirectory()) return fail(`${file} is a folder, not a spec file`, 'name the YAML spec file inside it');
    if (info.size > maxBytes)
      return fail(
        `${file} is ${info.size} bytes, more than the ${maxBytes} a spec may have`,
        'a spec is a hand-written table; check that this is the right file',
      );
    const bytes = await readFile(file);
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
    } catch {
      return fail(`${file} is not valid UTF-8 text`, 'save the file as UTF-8');
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(`${file} does not exist`, 'check the path (it is relative to the folder fsmkit runs in)');
    if (code === 'EACCES') return fail(`${file} cannot be read (permission denied)`, 'check the file permissions');
    return fail(`${file} cannot be read: ${(error as Error).message}`, 'check the path and permissions');
  }
}
