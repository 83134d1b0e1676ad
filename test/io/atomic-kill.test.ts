import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { repoPath } from '../helpers/paths.js';
import { captureIo, copyProject } from '../helpers/project.js';

/** Every file below `dir`, by path relative to it. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fsmkit generate killed at random points', () => {
  it('never leaves a partial file: each is the old or the new version in full', async () => {
    const dir = copyProject();
    const spec = join(dir, 'spec', 'dhcpv4-failover.yaml');
    const versions = [readFileSync(spec, 'utf8'), readFileSync(spec, 'utf8').replace('Both servers talk and are in sync', 'Both servers talk, in sync')];
    const outputs = [join(dir, 'generated'), join(dir, 'docs', 'generated')];
    const expected = versions.map((text) => {
      writeFileSync(spec, text);
      return runCli(['generate'], captureIo(dir)).then(() => outputs.map(snapshot));
    });
    const [before, after] = [await expected[0], await expected[1]] as [Map<string, string>[], Map<string, string>[]];
    const next = random(20261128);
    for (let round = 0; round < 16; round++) {
      writeFileSync(spec, versions[round % 2] as string);
      const child = spawn(process.execPath, [repoPath('bin/fsmkit.js'), 'generate'], { cwd: dir, stdio: 'ignore' });
      const delay = Math.floor(next() * 900);
      await new Promise<void>((done) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), delay);
        child.on('exit', () => {
          clearTimeout(timer);
          done();
        });
      });
      outputs.forEach((out, i) => {
        for (const [file, text] of snapshot(out)) {
          if (/^\.|\/\./.test(file)) continue; // a killed run's temporary file, removed by the next run
          expect([before[i]?.get(file), after[i]?.get(file)], `round ${round}, ${file} after ${delay} ms`).toContain(text);
        }
      });
    }
    // The next complete run cleans up after the killed ones.
    expect(await runCli(['generate'], captureIo(dir))).toBe(0);
    const leftovers = outputs.flatMap((o) => [...snapshot(o).keys()].filter((f) => f.includes('.fsmkit-')));
    expect(leftovers).toEqual([]);
  }, 120_000);
});
