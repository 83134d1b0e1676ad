import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from './paths.js';

const STAMP = repoPath('dist/.built');

/** Newest modification time of the TypeScript sources and the build configuration. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Vitest global setup: the suite imports src/ directly, but a few tests run
 * bin/fsmkit.js, which loads dist/. Rebuild dist/ when any source is newer
 * than the last build, so a stale dist/ can never pass a test.
 */
export default function setup(): void {
  const sources = Math.max(newestSource(repoPath('src')), statSync(repoPath('tsconfig.json')).mtimeMs, statSync(repoPath('tsconfig.build.json')).mtimeMs);
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= sources) return;
  execFileSync(process.execPath, [repoPath('node_modules/typescript/bin/tsc'), '-p', repoPath('tsconfig.build.json')], { stdio: 'inherit' });
  writeFileSync(STAMP, '');
}
