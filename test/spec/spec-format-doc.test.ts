import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { repoPath } from '../helpers/paths.js';
import { captureIo } from '../helpers/project.js';

// docs/spec-format.md walks a new author from nothing to an explored model.
// Its ```console blocks are run in order in a fresh folder and their output
// compared; its ```diff blocks (one line out, one line in) are applied to
// heartbeat.yaml, at the last place the removed line occurs.
const doc = readFileSync(repoPath('docs/spec-format.md'), 'utf8');
const blocks = [...doc.matchAll(/```(console|diff)\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1] as string, body: m[2] as string }));

/** Timings and the column widths they change are the only parts that vary between runs. */
const normalize = (text: string) =>
  text
    .replace(/\b\d+ ms\b/g, 'N ms')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trimEnd())
    .join('\n')
    .trim();

describe('docs/spec-format.md', () => {
  it('has the walkthrough: init, generate, check, explore, an edit and its verdict', () => {
    expect(blocks.filter((b) => b.kind === 'console').map((b) => b.body.split('\n')[0])).toEqual([
      '$ fsmkit init heartbeat',
      '$ fsmkit generate heartbeat.yaml',
      '$ fsmkit check heartbeat.yaml',
      '$ fsmkit explore heartbeat.yaml',
      '$ fsmkit explore heartbeat.yaml',
      '$ fsmkit explore heartbeat.yaml --config faults',
    ]);
  });

  it('shows what each command prints today', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-walkthrough-'));
    const spec = join(dir, 'heartbeat.yaml');
    for (const block of blocks) {
      const [first = '', ...rest] = block.body.trimEnd().split('\n');
      if (block.kind === 'diff') {
        const out = first.replace(/^-/, '');
        const into = (rest[0] ?? '').replace(/^\+/, '');
        const text = readFileSync(spec, 'utf8');
        const at = text.lastIndexOf(`${out}\n`);
        expect(at, `line to change: ${out}`).toBeGreaterThanOrEqual(0);
        writeFileSync(spec, `${text.slice(0, at)}${into}\n${text.slice(at + out.length + 1)}`);
        continue;
      }
      const io = captureIo(dir);
      await runCli(first.replace(/^\$ fsmkit /, '').split(' '), io);
      expect(normalize(io.out() + io.err()), first).toBe(normalize(rest.join('\n')));
    }
  });
});
