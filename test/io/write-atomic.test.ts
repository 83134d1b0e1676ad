import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL, writeFilesAtomically } from '../../src/io/write-atomic.js';

describe('writeFilesAtomically', () => {
  it('writes every file, creating folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-'));
    await writeFilesAtomically([
      { path: join(dir, 'a.ts'), contents: 'a' },
      { path: join(dir, 'sub', 'b.h'), contents: 'b' },
    ]);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe('a');
    expect(readFileSync(join(dir, 'sub', 'b.h'), 'utf8')).toBe('b');
    expect(readdirSync(dir).sort()).toEqual(['a.ts', 'sub']);
  });

  it('changes nothing and leaves no temporary file when one write fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-'));
    writeFileSync(join(dir, 'a.ts'), 'old');
    mkdirSync(join(dir, 'blocked.ts')); // a folder where a file should go: rename fails
    await expect(
      writeFilesAtomically([
        { path: join(dir, 'a.ts'), contents: 'new' },
        { path: join(dir, 'blocked.ts'), contents: 'x' },
      ]),
    ).rejects.toThrow();
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['a.ts', 'blocked.ts']);
  });

  it('finishes the switch of a run that died during its renames, and drops the temporary files of one that died before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-'));
    writeFileSync(join(dir, 'a.ts'), 'old a');
    writeFileSync(join(dir, 'b.ts'), 'new b'); // renamed before the run died
    writeFileSync(join(dir, '.a.ts.fsmkit-41-0badf00d.tmp'), 'new a');
    writeFileSync(join(dir, '.c.ts.fsmkit-42-deadbeef.tmp'), 'never decided');
    const moves = [
      { from: join(dir, '.b.ts.fsmkit-41-0badf00d.tmp'), to: join(dir, 'b.ts') },
      { from: join(dir, '.a.ts.fsmkit-41-0badf00d.tmp'), to: join(dir, 'a.ts') },
    ];
    writeFileSync(join(dir, JOURNAL), JSON.stringify({ moves }));
    await writeFilesAtomically([{ path: join(dir, 'd.ts'), contents: 'd' }]);
    expect(readdirSync(dir).sort()).toEqual(['a.ts', 'b.ts', 'd.ts']);
    expect(['a.ts', 'b.ts'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['new a', 'new b']);
  });
});
