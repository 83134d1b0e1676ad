import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineSchemaReference } from '../../src/io/output-plan.js';
import { repoPath } from '../helpers/paths.js';

const root = repoPath('');
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  // Tests name paths inside the temporary projects they make, and the spec-format walkthrough those of a new project: neither points into this repository.
  .filter((f) => /\.(md|ts|mjs|json|yaml|h|txt)$/.test(f) && f !== 'package-lock.json' && !f.startsWith('test/') && f !== 'docs/spec-format.md');

// A repository path written in prose or code: a top-level folder, then a file name with an extension.
// Import specifiers end in .js (they name the compiled file), globs hold a star: neither names a file in git; nor does a path under dist/ (the build).
const PATH = /(?<!dist\/)\b(?:docs|spec|src|test|generated|bench|scripts|bin)\/[A-Za-z0-9_./-]+\.(?:md|ts|json|yaml|h|mjs|txt|mmd)\b/g;

describe('nothing dangles', () => {
  it('every repository path named in a tracked file exists', () => {
    const missing: string[] = [];
    for (const file of tracked) {
      if (!existsSync(join(root, file))) continue;
      const text = readFileSync(join(root, file), 'utf8');
      for (const match of text.matchAll(PATH)) {
        if (!existsSync(join(root, match[0]))) missing.push(`${file} names ${match[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(['generated/dhcpv4-failover.json', 'test/golden/toy-pair/toy-pair.json'])(
    '%s names its schema by a path that resolves to the shipped schema',
    (file) => {
      const { $schema } = JSON.parse(readFileSync(repoPath(file), 'utf8'));
      expect($schema).not.toMatch(/^[a-z]+:/);
      expect(join(dirname(repoPath(file)), $schema)).toBe(repoPath('spec/fsmkit-machine.schema.json'));
    },
  );

  it('points at node_modules/fsmkit when fsmkit runs from outside the project', () => {
    expect(machineSchemaReference('/p/out', '/p', '/cache/npx/fsmkit/spec/fsmkit-machine.schema.json')).toBe(
      '../node_modules/fsmkit/spec/fsmkit-machine.schema.json',
    );
    expect(machineSchemaReference('/p/a/b', '/p', '/p/node_modules/fsmkit/spec/fsmkit-machine.schema.json')).toBe(
      '../../node_modules/fsmkit/spec/fsmkit-machine.schema.json',
    );
  });

  it('ships the MIT licence that package.json promises', () => {
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8'));
    expect(pkg.license).toBe('MIT');
    const licence = readFileSync(repoPath('LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) 2026 fsmkit contributors\n/);
  });
});
