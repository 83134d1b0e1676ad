import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/paths.js';

// TypeDoc itself runs in `npm run docs`; these keep its input right.
describe('the API reference', () => {
  const config = JSON.parse(readFileSync(repoPath('typedoc.json'), 'utf8')) as { readme: string; entryPoints: string[] };

  it('opens on a real index page that names every module', () => {
    expect(existsSync(repoPath(config.readme))).toBe(true);
    const index = readFileSync(repoPath(config.readme), 'utf8');
    expect(index).toContain('**fsmkit**');
    expect(index).toContain('**FsmState validator**');
  });

  it('names each entry point for a reader, not after its file', () => {
    const names = config.entryPoints.map((file) => /@module (.+)/.exec(readFileSync(repoPath(file), 'utf8'))?.[1]);
    expect(names).toEqual(['fsmkit', 'FsmState validator']);
  });
});
