import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { writeFilesAtomically } from '../../src/io/write-atomic.js';
import { repoPath } from '../helpers/paths.js';
import { captureIo, copyProject } from '../helpers/project.js';

const FOLDERS = ['code', 'docs'];
const COUNT = 12;

/** A folder pair with COUNT files holding "old", as a previous generate left them. */
function oldOutputs(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-signals-'));
  for (const folder of FOLDERS) mkdirSync(join(dir, folder));
  for (let i = 0; i < COUNT; i++) writeFileSync(join(dir, FOLDERS[i % 2] as string, `f${i}.txt`), 'old');
  return dir;
}

/** Every file of both folders, hidden ones included: name -> contents. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const folder of FOLDERS) for (const name of readdirSync(join(dir, folder))) out[`${folder}/${name}`] = readFileSync(join(dir, folder, name), 'utf8');
  return out;
}

const all = (text: string) => Object.fromEntries(Array.from({ length: COUNT }, (_, i) => [`${FOLDERS[i % 2]}/f${i}.txt`, text]));

/**
 * Runs the built writer in a child that sends itself `signal` at `moment`:
 * after the fifth temporary file, or once the switch is decided. dist/ is
 * rebuilt from the source before the suite runs (test/helpers/build-dist.ts).
 */
function writeAndSignal(dir: string, moment: 'staging' | 'switching', signal: NodeJS.Signals): Promise<NodeJS.Signals | null> {
  const writer = pathToFileURL(repoPath('dist/io/write-atomic.js')).href;
  const script = `
    import { writeFilesAtomically } from ${JSON.stringify(writer)};
    const files = Array.from({ length: ${COUNT} }, (_, i) => ({ path: ${JSON.stringify(dir)} + '/' + (i % 2 ? 'docs' : 'code') + '/f' + i + '.txt', contents: 'new' }));
    const stop = () => process.kill(process.pid, ${JSON.stringify(signal)});
    await writeFilesAtomically(files, ${moment === 'staging' ? '{ staged: (n) => n === 5 && stop() }' : '{ switching: stop }'});
    await new Promise((r) => setTimeout(r, 5000));
    process.stdout.write('outlived the signal');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
  return new Promise((done) => child.on('exit', (_code, received) => done(received)));
}

describe('generate under stop signals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s while staging: nothing changes, no temporary file is left, the process stops', async (signal) => {
    const dir = oldOutputs();
    expect(await writeAndSignal(dir, 'staging', signal)).toBe(signal);
    expect(contents(dir)).toEqual(all('old'));
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s during the switch: the switch completes first, then the process stops', async (signal) => {
    const dir = oldOutputs();
    expect(await writeAndSignal(dir, 'switching', signal)).toBe(signal);
    expect(contents(dir)).toEqual(all('new'));
  });

  it('SIGKILL during the switch: the next write finishes it before anything else', async () => {
    const dir = oldOutputs();
    expect(await writeAndSignal(dir, 'switching', 'SIGKILL')).toBe('SIGKILL');
    expect(Object.values(contents(dir))).toContain('old');
    await writeFilesAtomically([{ path: join(dir, 'code', 'f0.txt'), contents: 'new' }]);
    expect(contents(dir)).toEqual(all('new'));
  });

  it('fsmkit generate stopped by SIGTERM or SIGINT at random moments leaves the old or the new outputs, whole, and no temporary file', async () => {
    const dir = copyProject();
    const spec = join(dir, 'spec', 'dhcpv4-failover.yaml');
    const versions = [readFileSync(spec, 'utf8'), readFileSync(spec, 'utf8').replace('Both servers talk and are in sync', 'Both servers talk, in sync')];
    const folders = [join(dir, 'generated'), join(dir, 'docs', 'generated')];
    const tree = (root: string): string[] =>
      readdirSync(root, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => `${join(e.parentPath, e.name).slice(root.length)}\n${readFileSync(join(e.parentPath, e.name), 'utf8')}`)
        .sort();
    const snapshot = () => folders.flatMap(tree);
    const expected: string[][] = [];
    for (const text of versions) {
      writeFileSync(spec, text);
      expect(await runCli(['generate'], captureIo(dir))).toBe(0);
      expected.push(snapshot());
    }
    for (let round = 0; round < 8; round++) {
      writeFileSync(spec, versions[round % 2] as string);
      const child = spawn(process.execPath, [repoPath('bin/fsmkit.js'), 'generate'], { cwd: dir, stdio: 'ignore' });
      // Spread over the run: parsing, exploring, staging and switching all get hit.
      const delay = 150 + ((round * 397) % 1200);
      await new Promise<void>((done) => {
        const timer = setTimeout(() => child.kill(round % 2 ? 'SIGINT' : 'SIGTERM'), delay);
        child.on('exit', () => {
          clearTimeout(timer);
          done();
        });
      });
      const now = snapshot();
      expect(
        now.filter((f) => f.includes('.fsmkit-')),
        `round ${round}: leftovers`,
      ).toEqual([]);
      expect([JSON.stringify(now) === JSON.stringify(expected[0]), JSON.stringify(now) === JSON.stringify(expected[1])], `round ${round}`).toContain(true);
    }
  }, 180_000);
});
