import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIo, copyProject } from '../helpers/project.js';

describe('export --out where nothing can be written', () => {
  it('a file in the way of the folder: OUTPUT_UNWRITABLE naming the file, exit 1, no stack', async () => {
    const dir = copyProject();
    writeFileSync(join(dir, 'blocked'), 'a file, not a folder');
    const io = captureIo(dir);
    expect(await runCli(['export', 'promela', '--out', 'blocked/model.pml'], io)).toBe(1);
    expect(io.err()).toMatch(/blocked\/model\.pml:1:1 error OUTPUT_UNWRITABLE/);
    expect(io.err()).toContain('hint:');
    expect(io.err()).not.toMatch(/internal error|\n\s+at /);
  });

  // Root writes into read-only folders anyway, so this case only means something for other users.
  it.skipIf(process.getuid?.() === 0)('a read-only folder: OUTPUT_UNWRITABLE, exit 1', async () => {
    const dir = copyProject();
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    const io = captureIo(dir);
    expect(await runCli(['export', 'promela', '--out', 'ro/model.pml'], io)).toBe(1);
    expect(io.err()).toContain('OUTPUT_UNWRITABLE');
    expect(io.err()).toContain('permission denied');
  });
});
