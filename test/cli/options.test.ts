import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS } from '../../src/cli/commands-table.js';
import { runCli } from '../../src/cli/main.js';
import { GLOBAL_OPTIONS, OPTIONS } from '../../src/cli/options.js';
import { repoPath } from '../helpers/paths.js';
import { captureIo, copyProject } from '../helpers/project.js';

const run = async (argv: string[], env: Record<string, string> = {}) => {
  const io = captureIo(repoPath(''), env);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe('each command takes its own options', () => {
  it.each([
    [['check', '--relationships', '2'], '--relationships does not apply to check (it is an option of explore, export)', 'fsmkit check --help'],
    [['generate', '--config', 'crashes'], '--config does not apply to generate', 'fsmkit generate --help'],
    [['export', 'promela', '--json'], '--json does not apply to export', 'fsmkit export --help'],
    [['explore', '--png'], '--png does not apply to explore (it is an option of diagrams, start)', 'fsmkit explore --help'],
    [['version', '--out', 'x'], '--out does not apply to version', 'fsmkit version --help'],
    [['check-log', 'x.log', '--max-states', '5'], '--max-states does not apply to check-log', 'fsmkit check-log --help'],
  ])('fsmkit %j is a usage error naming the command and its options', async (argv, message, pointer) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain(pointer);
    expect(out).toBe('');
  });

  it('lists, for a misplaced option, what the command does take', async () => {
    const { err } = await run(['check', '--png']);
    expect(err).toContain('hint: check takes --spec, --out, --json, --format');
  });

  it.each(['0x2', '1e1', '2.0', ' 2', '+2', '-1', '0', '99999999999999999999'])('refuses --relationships %j: decimal digits only', async (value) => {
    const { code, err } = await run(['explore', '--config', 'reliable', `--relationships=${value}`]);
    expect(code).toBe(2);
    expect(err).toContain(`--relationships takes a whole number above 0 written in decimal digits, not "${value}"`);
  });

  it.each([
    ['0', '--workers takes a whole number above 0 written in decimal digits, not "0"'],
    ['2.5', '--workers takes a whole number above 0 written in decimal digits, not "2.5"'],
    ['257', '--workers takes at most 256, not 257'],
  ])('refuses --workers %j', async (value, message) => {
    const { code, err } = await run(['explore', '--config', 'reliable', `--workers=${value}`]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('takes --workers on explore and the main jobs, not where nothing is explored', async () => {
    const explore = await run(['explore', '--config', 'reliable', '--workers', '3', '--json']);
    expect(explore.code).toBe(0);
    expect(JSON.parse(explore.out).configurations[0].states).toBe(18);
    for (const command of ['check', 'generate', 'start']) expect(COMMANDS[command as 'check'].options).toContain('workers');
    expect((await run(['vectors', '--workers', '2'])).err).toContain('--workers does not apply to vectors');
  });

  it('refuses hexadecimal limits too', async () => {
    const { code, err } = await run(['explore', '--max-states', '0x10']);
    expect(code).toBe(2);
    expect(err).toContain('--max-states takes a whole number above 0 written in decimal digits, not "0x10"');
  });

  it('names the replacement of the old check-log --format isc|jsonl', async () => {
    const { code, err } = await run(['check-log', 'test/fixtures/logs/illegal.log', '--format', 'jsonl']);
    expect(code).toBe(2);
    expect(err).toContain('--format takes text, json, github, sarif, not "jsonl"');
    expect(err).toContain('write --log-format jsonl');
  });

  it('refuses --json with another --format', async () => {
    const { code, err } = await run(['check', '--json', '--format', 'sarif']);
    expect(code).toBe(2);
    expect(err).toContain('--json and --format sarif exclude each other');
  });

  it('refuses a spec given twice', async () => {
    const { code, err } = await run(['check', 'a.yaml', '--spec', 'b.yaml']);
    expect(code).toBe(2);
    expect(err).toContain('two specs given: b.yaml and a.yaml');
  });

  it('every option in the table is taken by some command or by every command, and every command option exists', () => {
    const used = new Set<string>([...GLOBAL_OPTIONS, 'version', ...COMMAND_NAMES.flatMap((c) => COMMANDS[c].options)]);
    expect([...used].sort()).toEqual(Object.keys(OPTIONS).sort());
  });
});

describe('fsmkit <command> --help', () => {
  it.each(COMMAND_NAMES)('%s --help shows its usage and exactly its options', async (name) => {
    const { code, out, err } = await run([name, '--help']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(new RegExp(`^Usage: fsmkit ${COMMANDS[name].usage.replace(/[|[\]]/g, '\\$&')}`));
    const shown = [...out.matchAll(/^ {2}(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]);
    expect(shown.sort()).toEqual([...COMMANDS[name].options, ...GLOBAL_OPTIONS].sort());
  });

  it('help <command> is the same text, and help names an unknown command', async () => {
    expect((await run(['help', 'explore'])).out).toBe((await run(['explore', '-h'])).out);
    const { code, err } = await run(['help', 'explor']);
    expect(code).toBe(2);
    expect(err).toContain('did you mean "explore"?');
  });

  it('says what --out does with the docs', async () => {
    const { out } = await run(['generate', '--help']);
    expect(out).toContain('the docs pages and diagrams are left out');
  });
});

describe('--out and the docs', () => {
  it('writes the code only and says the docs pages were left out', async () => {
    const dir = copyProject();
    const io = captureIo(dir);
    expect(await runCli(['generate', '--out', 'elsewhere'], io)).toBe(0);
    expect(io.out()).toContain('wrote elsewhere/fsm-state.ts');
    expect(io.out()).not.toContain('docs/generated');
    expect(io.err()).toContain('--out covers the generated code only; the docs pages and diagrams (outputs.docs.dir: ../docs/generated) were not written');
  });
});

describe('colour', () => {
  const broken = ['check', 'test/fixtures/specs/invalid/unknown-state.yaml'];
  it('is off through a pipe, on with FORCE_COLOR, off again with FORCE_COLOR=0, NO_COLOR or --no-color', async () => {
    expect((await run(broken)).out).not.toContain('\u001b[');
    expect((await run(broken, { FORCE_COLOR: '1' })).out).toContain('\u001b[31merror\u001b[39m');
    expect((await run(broken, { FORCE_COLOR: '0' })).out).not.toContain('\u001b[');
    expect((await run([...broken, '--no-color'], { FORCE_COLOR: '1' })).out).not.toContain('\u001b[');
    const tty = { ...captureIo(repoPath(''), { NO_COLOR: '1' }), isTty: true };
    await runCli(broken, tty);
    expect(tty.out()).not.toContain('\u001b[');
  });

  it('never colours machine output, even when forced', async () => {
    const { out } = await run([...broken, '--format', 'sarif'], { FORCE_COLOR: '1' });
    expect(out).not.toContain('\u001b[');
  });
});

describe('start-up loads only what the command needs', () => {
  /** Static imports reachable from a source file (dynamic `import()` is what defers a load, so it is not followed). */
  function staticImports(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gm)) {
      const target = m[1] as string;
      if (target.startsWith('.')) staticImports(resolve(dirname(file), target.replace(/\.js$/, '.ts')), seen);
      else seen.add(target);
    }
    return seen;
  }

  it.each(['main.ts', 'explore-command.ts', 'export-command.ts', 'check-log-command.ts', 'help.ts'])(
    'src/cli/%s does not load the TypeScript compiler (ts-morph)',
    (file) => {
      const reached = staticImports(repoPath(`src/cli/${file}`));
      expect([...reached].filter((m) => m === 'ts-morph' || m === 'typescript')).toEqual([]);
    },
  );

  it('the enum generator is what loads it, so the check above can fail', () => {
    expect(staticImports(repoPath('src/cli/commands.ts')).has('ts-morph')).toBe(true);
  });

  it('no file of src/ imports back into the CLI entry', () => {
    const importers = ['commands.ts', 'explore-command.ts', 'export-command.ts', 'check-log-command.ts', 'help.ts', 'options.ts', 'commands-table.ts'].filter(
      (f) => /from '\.\/main\.js'/.test(readFileSync(repoPath(`src/cli/${f}`), 'utf8')),
    );
    expect(importers).toEqual([]);
  });
});
