import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Specs are small; a larger file is a mistake (or an attack), not a spec. */
export const MAX_SPEC_BYTES = 8 * 1024 * 1024;

/**
 * Why `file` cannot be a spec at all (it does not exist, or it is a folder),
 * or undefined when it is a file. The CLI treats these as usage errors.
 * @param label the path as the user wrote it, for the message
 */
export async function notAFile(file: string, label = file): Promise<{ message: string; hint: string } | undefined> {
  try {
    if ((await stat(file)).isDirectory()) return { message: `${label} is a folder, not a spec file`, hint: 'name the YAML file inside it' };
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return {
        message: `${label} does not exist`,
        hint: 'check the path, or write a new spec with `fsmkit init`',
      };
    return undefined;
  }
}

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
      const at = firstInvalidUtf8(bytes);
      const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
      const line = bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
      const col = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, at)).length + 1;
      const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
      return {
        diagnostics: [
          {
            code: 'FILE_UNREADABLE' as const,
            severity: 'error' as const,
            message: `${file} is not valid UTF-8 text: byte 0x${byte} at line ${line}, column ${col} is not part of a UTF-8 character`,
            file,
            start: { line, col },
            hint: 'save the file as UTF-8 (it was probably saved as Latin-1 or Windows-1252)',
          },
        ],
      };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(`${file} does not exist`, 'check the path (it is relative to the folder fsmkit runs in)');
    if (code === 'EACCES') return fail(`${file} cannot be read (permission denied)`, 'check the file permissions');
    return fail(`${file} cannot be read: ${(error as Error).message}`, 'check the path and permissions');
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629), or the length if none. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
