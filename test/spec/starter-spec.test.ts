import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { checkSpec } from '../../src/model/check-spec.js';
import { specSchemaPath } from '../../src/spec/check-schema.js';
import { starterSpec } from '../../src/spec/starter-spec.js';
import { captureIo } from '../helpers/project.js';

describe('fsmkit init', () => {
  it('writes a commented spec whose $schema line reaches the schema, and which checks without a single finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-init-'));
    const io = captureIo(dir);
    expect(await runCli(['init'], io)).toBe(0);
    const file = join(dir, 'heartbeat.yaml');
    const text = readFileSync(file, 'utf8');
    const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(text.split('\n')[0] ?? '')?.[1] ?? '';
    expect(resolve(dirname(file), schema)).toBe(specSchemaPath());
    expect(text.split('\n').filter((l) => l.trim().startsWith('#')).length).toBeGreaterThan(10);
    const checked = checkSpec('heartbeat.yaml', text);
    expect(checked.diagnostics).toEqual([]);
    // No source document, so no `ref` anywhere, and nothing asks for one.
    expect(text).not.toMatch(/^\s*ref:/m);
    expect(checked.spec?.source).toBeUndefined();
  });

  it('checks, generates, draws and explores end to end, with no citation on any edge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-init-'));
    const run = async (...argv: string[]) => {
      const io = captureIo(dir);
      const code = await runCli(argv, io);
      return { code, out: io.out() + io.err() };
    };
    expect((await run('init', 'door-lock')).code).toBe(0);
    expect(await run('generate', 'door-lock.yaml')).toMatchObject({ code: 0 });
    expect(await run('check', 'door-lock.yaml')).toMatchObject({ code: 0, out: expect.stringContaining('14 generated files up to date') });
    expect(await run('explore', 'door-lock.yaml')).toMatchObject({ code: 0, out: expect.stringContaining('Every verdict is the one the spec expects.') });
    expect(readdirSync(join(dir, 'generated')).sort()).toEqual([
      'docs',
      'door-lock-state.ts',
      'door-lock.json',
      'door-lock.ts',
      'door-lock.vectors.json',
      'door-lock.xstate.ts',
      'door-validator.ts',
      'door_lock_state.h',
    ]);
    const diagram = readFileSync(join(dir, 'generated/docs/diagrams/state-first.mmd'), 'utf8');
    expect(diagram).toContain('ALONE --> PAIRED : heartbeat [partner ALONE or PAIRED]\n');
    expect(diagram).not.toMatch(/\(\d+(\.\d+)*\)/);
    const header = readFileSync(join(dir, 'generated/door_lock_state.h'), 'utf8');
    expect(header).toContain('typedef enum _DOOR_LOCK_STATE {');
    expect(header).not.toContain('section');
  });

  it('never overwrites a file, and refuses a name that is not a slug (usage errors)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fsmkit-init-'));
    writeFileSync(join(dir, 'heartbeat.yaml'), 'mine\n');
    const io = captureIo(dir);
    expect(await runCli(['init'], io)).toBe(2);
    expect(io.err()).toContain('heartbeat.yaml exists already');
    expect(readFileSync(join(dir, 'heartbeat.yaml'), 'utf8')).toBe('mine\n');
    const bad = captureIo(dir);
    expect(await runCli(['init', 'Door_Lock'], bad)).toBe(2);
    expect(bad.err()).toContain('"Door_Lock" is not a machine name');
    expect(existsSync(join(dir, 'Door_Lock.yaml'))).toBe(false);
  });

  it('a halt event needs no memory: the starter crashes servers without declaring one', () => {
    const text = starterSpec({ name: 'heartbeat', schema: './fsmkit.schema.json' });
    expect(text).toContain('action: halt');
    expect(text).not.toMatch(/^\s*memory:/m);
  });
});
