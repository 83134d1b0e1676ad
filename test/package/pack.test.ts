import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/paths.js';

/** The tracked files of the repository, copied as a fresh clone has them: no dist/, dependencies linked. */
function freshClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-clone-'));
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repoPath(''), encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(repoPath(file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(repoPath(file), join(dir, file));
  }
  symlinkSync(repoPath('node_modules'), join(dir, 'node_modules'));
  return dir;
}

interface Packed {
  /** Where the tarball was packed and unpacked: node_modules/fsmkit inside, its dependencies linked beside it. */
  out: string;
  filename: string;
  names: string[];
  installed: string;
}

/** Packs a fresh clone (npm pack builds it) and unpacks the tarball as an installed package would be. */
function packAndInstall(): Packed {
  const clone = freshClone();
  expect(existsSync(join(clone, 'dist'))).toBe(false);
  const out = mkdtempSync(join(tmpdir(), 'fsmkit-pack-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  const names: string[] = packed[0].files.map((f: { path: string }) => f.path);
  // Unpack it as an installed package would be, with its dependencies beside it.
  const installed = join(out, 'node_modules', 'fsmkit');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(out, packed[0].filename), '-C', installed, '--strip-components=1']);
  for (const dep of readdirDeps()) symlinkSync(repoPath(`node_modules/${dep}`), join(out, 'node_modules', dep));
  return { out, filename: packed[0].filename, names, installed };
}

describe('the npm package', () => {
  let packed: Packed;
  beforeAll(() => {
    packed = packAndInstall();
  }, 300_000);

  it('npm pack on a fresh clone builds and ships a working CLI and library', () => {
    const { out, names, installed } = packed;
    expect(names).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/fsmkit.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js']),
    );
    expect(names).toEqual(expect.arrayContaining(['spec/fsmkit.schema.json', 'spec/fsmkit-machine.schema.json', 'spec/dhcpv4-failover.yaml']));
    expect(names.filter((n) => /^(src|test|scripts|bench|\.ci)\//.test(n))).toEqual([]);

    const bin = join(installed, 'bin', 'fsmkit.js');
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' })).toContain(pkg.version);

    // Another project: its own spec, generated with the installed CLI; the JSON names the shipped schema.
    const project = join(out, 'project');
    mkdirSync(join(project, 'spec'), { recursive: true });
    cpSync(join(installed, 'spec', 'dhcpv4-failover.yaml'), join(project, 'spec', 'dhcpv4-failover.yaml'));
    symlinkSync(join(out, 'node_modules'), join(project, 'node_modules'));
    const run = spawnSync(process.execPath, [bin, 'generate', 'spec/dhcpv4-failover.yaml'], { cwd: project, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const machine = JSON.parse(readFileSync(join(project, 'generated', 'dhcpv4-failover.json'), 'utf8'));
    expect(existsSync(join(project, 'generated', machine.$schema))).toBe(true);

    // The library entry loads from the package, as `import ... from 'fsmkit'` does.
    const probe = `import('fsmkit').then((m) => process.stdout.write(typeof m.checkSpec))`;
    expect(execFileSync(process.execPath, ['-e', probe], { cwd: project, encoding: 'utf8' })).toBe('function');
  });

  it('serves the bundled spec’s generated files as committed, through every documented subpath', () => {
    const { names, installed } = packed;
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.exports)).toEqual(['.', './testing', ...Object.keys(SUBPATHS), './package.json']);
    for (const [subpath, file] of Object.entries(SUBPATHS)) {
      const target = pkg.exports[subpath];
      for (const path of typeof target === 'string' ? [target] : [target.types, target.default]) {
        expect(names, `${subpath} -> ${path}`).toContain(path.replace(/^\.\//, ''));
      }
      // The non-TypeScript files are the committed ones, byte for byte (`fsmkit check` keeps those in step with the spec).
      if (typeof target === 'string') expect(readFileSync(join(installed, target), 'utf8')).toBe(readFileSync(repoPath(file), 'utf8'));
    }
    expect(pkg.peerDependencies).toEqual({ xstate: expect.any(String) });
    expect(pkg.peerDependenciesMeta).toEqual({ xstate: { optional: true } });
  });

  it('type-checks (strict, nodenext) and runs a consumer of every subpath: enum, validator, header, JSON, vectors through fsmkit/testing, XState', () => {
    const consumer = join(packed.out, 'consumer');
    mkdirSync(consumer);
    for (const file of ['package.json', 'tsconfig.json', 'consumer.ts']) cpSync(repoPath(`test/package/consumer/${file}`), join(consumer, file));
    symlinkSync(join(packed.out, 'node_modules'), join(consumer, 'node_modules'));
    const tsc = spawnSync(process.execPath, [repoPath('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    const run = spawnSync(process.execPath, ['out/consumer.js'], { cwd: consumer, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const vectors = JSON.parse(readFileSync(repoPath('generated/dhcpv4-failover.vectors.json'), 'utf8'));
    expect(run.stdout).toMatch(
      new RegExp(`^ok: ${vectors.vectors.length} vectors, ${vectors.summary.steps} steps, [1-9]\\d* rule steps checked by the validator\\n$`),
    );
  });
});

/** The subpaths of the bundled spec, each with the committed file it serves (for TypeScript, the source its build comes from). */
const SUBPATHS = {
  './dhcpv4-failover': 'generated/dhcpv4-failover.ts',
  './dhcpv4-failover/xstate': 'generated/dhcpv4-failover.xstate.ts',
  './dhcpv4-failover/fsm_state.h': 'generated/fsm_state.h',
  './dhcpv4-failover/machine.json': 'generated/dhcpv4-failover.json',
  './dhcpv4-failover/vectors.json': 'generated/dhcpv4-failover.vectors.json',
};

/** Top-level entries of the repository's node_modules, the package's dependencies among them. */
function readdirDeps(): string[] {
  return readdirSync(repoPath('node_modules')).filter((n) => n !== 'fsmkit' && !n.startsWith('.'));
}
