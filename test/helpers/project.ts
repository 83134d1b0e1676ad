import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/cli-io.js';
import { repoPath } from './paths.js';

/** A throw-away copy of the project's spec/ and generated/ folders. */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-project-'));
  cpSync(repoPath('spec'), join(dir, 'spec'), { recursive: true });
  cpSync(repoPath('generated'), join(dir, 'generated'), { recursive: true });
  cpSync(repoPath('docs/generated'), join(dir, 'docs/generated'), { recursive: true, filter: (src) => !/\.(svg|png)$|index\.html$/.test(src) });
  return dir;
}

/** In-process CLI streams that record what was written. */
export function captureIo(cwd: string, env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd,
    env,
    isTty: false,
    out: () => out,
    err: () => err,
  };
}
