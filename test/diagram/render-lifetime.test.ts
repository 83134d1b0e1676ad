import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { renderDiagrams } from '../../src/diagram/render.js';
import { browserPath } from '../helpers/browser.js';
import { repoPath } from '../helpers/paths.js';
import { captureIo, copyProject } from '../helpers/project.js';

/** Pids of the processes whose command line names `marker` (Chromium's carry its profile folder). */
function processesNaming(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) pids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Polls until `check` holds, for at most `seconds` (a wait, not a timing assertion). */
async function waitFor(check: () => boolean, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 10; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** `fsmkit diagrams` in a copy of the project, and the marker its browser's processes carry. */
function startRendering(): { child: ChildProcess; marker: string; exited: Promise<NodeJS.Signals | null> } {
  const dir = copyProject();
  const child = spawn(process.execPath, [repoPath('bin/fsmkit.js'), 'diagrams'], {
    cwd: dir,
    stdio: 'ignore',
    env: { ...process.env, FSMKIT_BROWSER: browserPath as string },
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  return { child, marker: `fsmkit-browser-${child.pid}-`, exited };
}

describe.skipIf(!browserPath || process.platform !== 'linux')('the browser lives no longer than fsmkit', () => {
  it('SIGKILL of fsmkit while rendering takes every Chromium process with it; the next render removes the profile it left', async () => {
    const { child, marker, exited } = startRendering();
    expect(await waitFor(() => processesNaming(marker).length > 0, 120), 'the browser started').toBe(true);
    child.kill('SIGKILL');
    await exited;
    expect(await waitFor(() => processesNaming(marker).length === 0, 30), `left running: ${processesNaming(marker)}`).toBe(true);
    const left = () => readdirSync(tmpdir()).filter((n) => n.startsWith(marker));
    expect(left()).toHaveLength(1);
    await renderDiagrams([{ path: 'one.mmd', contents: 'stateDiagram-v2\n  A --> B\n' }], browserPath as string);
    expect(left()).toEqual([]);
  }, 240_000);

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s stops rendering: fsmkit ends by the signal, the browser is gone, its profile removed',
    async (signal) => {
      const { child, marker, exited } = startRendering();
      expect(await waitFor(() => processesNaming(marker).length > 0, 120), 'the browser started').toBe(true);
      child.kill(signal);
      expect(await exited).toBe(signal);
      expect(await waitFor(() => processesNaming(marker).length === 0, 30), `left running: ${processesNaming(marker)}`).toBe(true);
      expect(readdirSync(tmpdir()).filter((n) => n.startsWith(marker))).toEqual([]);
    },
    240_000,
  );

  it('an SVG that cannot be written is OUTPUT_UNWRITABLE, exit 1, not an internal error', async () => {
    const dir = copyProject();
    mkdirSync(join(dir, 'docs/generated/diagrams/state-primary.svg'), { recursive: true }); // a folder where the SVG goes
    const io = captureIo(dir, { FSMKIT_BROWSER: browserPath as string });
    expect(await runCli(['diagrams'], io)).toBe(1);
    expect(io.err()).toContain('OUTPUT_UNWRITABLE');
    expect(io.err()).toContain('state-primary.svg');
    expect(io.err()).not.toContain('internal error');
    expect(existsSync(join(dir, 'docs/generated/diagrams/state-secondary.svg'))).toBe(false);
  }, 240_000);
});
