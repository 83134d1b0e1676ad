import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTsEnum } from '../../src/codegen/ts-enum.js';
import { checkSpec, loadSpec } from '../../src/model/check-spec.js';
import { compileModel } from '../../src/model/compile-model.js';
import type { Model } from '../../src/model/model.js';
import type { Spec } from '../../src/spec/spec-types.js';
import { importTs, typeCheck } from '../helpers/compile-ts.js';
import { BUNDLED_SPEC, repoPath, TOY_SPEC } from '../helpers/paths.js';

/** Windows' Dhcpsapi.h FSM_STATE, the seed the enum must reproduce exactly. */
const FSM_STATE_SEED = {
  NO_STATE: 0,
  INIT: 1,
  STARTUP: 2,
  NORMAL: 3,
  COMMUNICATION_INT: 4,
  PARTNER_DOWN: 5,
  POTENTIAL_CONFLICT: 6,
  CONFLICT_DONE: 7,
  RESOLUTION_INT: 8,
  RECOVER: 9,
  RECOVER_WAIT: 10,
  RECOVER_DONE: 11,
  PAUSED: 12,
  SHUTDOWN: 13,
};

/** Server-state option values of draft section 12.24. */
const WIRE = {
  STARTUP: 1,
  NORMAL: 2,
  COMMUNICATION_INT: 3,
  PARTNER_DOWN: 4,
  POTENTIAL_CONFLICT: 5,
  RECOVER: 6,
  PAUSED: 7,
  SHUTDOWN: 8,
  RECOVER_DONE: 9,
  RESOLUTION_INT: 10,
  CONFLICT_DONE: 11,
};

const options = { specLabel: 'spec/dhcpv4-failover.yaml' };

interface EnumModule {
  FsmState: Record<string, number | string>;
  WIRE_BY_FSM_STATE: ReadonlyMap<number, number>;
  FSM_STATE_BY_WIRE: ReadonlyMap<number, number>;
  FSM_STATE_BY_ISC: ReadonlyMap<string, number>;
  ISC_BY_FSM_STATE: ReadonlyMap<number, string>;
  DRAFT_BY_FSM_STATE: ReadonlyMap<number, string>;
}

describe('generateTsEnum on the bundled spec', () => {
  let spec: Spec;
  let model: Model;
  let source: string;
  let mod: EnumModule;
  beforeAll(async () => {
    const loaded = await loadSpec(BUNDLED_SPEC);
    spec = loaded.spec as Spec;
    model = loaded.model as Model;
    source = generateTsEnum(model, options)[0]?.contents ?? '';
    mod = await importTs<EnumModule>(source);
  });

  it('has exactly the seed names and values', () => {
    const members = Object.fromEntries(Object.entries(mod.FsmState).filter(([, v]) => typeof v === 'number'));
    expect(members).toEqual(FSM_STATE_SEED);
  });

  it('maps wire values both ways, with none for NO_STATE, INIT and RECOVER_WAIT', () => {
    const byName = Object.fromEntries([...mod.WIRE_BY_FSM_STATE].map(([member, wire]) => [mod.FsmState[member], wire]));
    expect(byName).toEqual(WIRE);
    for (const [name, wire] of Object.entries(WIRE)) expect(mod.FSM_STATE_BY_WIRE.get(wire)).toBe(mod.FsmState[name]);
    expect(mod.FSM_STATE_BY_WIRE.get(0)).toBeUndefined();
  });

  it('maps ISC log names and draft names', () => {
    expect(mod.FSM_STATE_BY_ISC.get('communications-interrupted')).toBe(4);
    expect(mod.FSM_STATE_BY_ISC.get('unknown-state')).toBe(0);
    expect(mod.FSM_STATE_BY_ISC.get('constructor')).toBeUndefined();
    expect(mod.ISC_BY_FSM_STATE.get(10)).toBe('recover-wait');
    expect(mod.DRAFT_BY_FSM_STATE.get(8)).toBe('RESOLUTION-INTERRUPTED');
    expect(mod.DRAFT_BY_FSM_STATE.has(1)).toBe(false);
  });

  it('documents every member from the spec', () => {
    for (const state of spec.states) {
      const doc =
        source
          .slice(0, source.indexOf(`  ${state.name} = `))
          .split('/**')
          .pop() ?? '';
      expect(doc).toContain(`section ${state.ref}`);
      expect(doc.replace(/\s*\*\s*/g, ' ')).toContain(state.description.slice(0, 40));
    }
  });

  it('compiles under tsc --strict', () => {
    expect(typeCheck({ '/gen/fsm-state.ts': source })).toEqual([]);
  });

  it('matches the committed generated/fsm-state.ts', () => {
    expect(readFileSync(repoPath('generated/fsm-state.ts'), 'utf8')).toBe(source);
  });

  it('gives the same bytes every time', () => {
    expect(generateTsEnum(model, options)[0]?.contents).toBe(source);
  });
});

describe('hostile text in the spec', () => {
  const toy = readFileSync(TOY_SPEC, 'utf8');
  // The checker refuses control characters (UNSAFE_CHARACTER), so the text
  // goes in after checking: the generator must be safe on its own.
  const withText = (text: string): Model => {
    const checked = checkSpec('toy.yaml', toy);
    if (!checked.spec) throw new Error(checked.diagnostics.map((d) => d.message).join('\n'));
    const spec = structuredClone(checked.spec);
    const paired = spec.states[2];
    if (!paired?.aliases) throw new Error('toy spec changed');
    paired.description = text;
    paired.aliases.label = text;
    return compileModel(spec);
  };
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the `${` is the point of the test
  const HOSTILE = 'ends */ here, `tick` ${x} "dq" \'sq\' \\ back\nnew line\r\ncrlf \u2028 ls \u2029 ps @param x <script>alert(1)</script> ??= ?\u0000';

  it('yields code that compiles and keeps the text', async () => {
    const source = generateTsEnum(withText(HOSTILE), { specLabel: 'toy.yaml' })[0]?.contents ?? '';
    expect(typeCheck({ '/gen/node-state.ts': source })).toEqual([]);
    const mod = await importTs<{ LABEL_BY_NODE_STATE: ReadonlyMap<number, string> }>(source);
    expect(mod.LABEL_BY_NODE_STATE.get(2)).toBe(HOSTILE);
    expect(source).toContain('ends *\\/ here');
  });

  it('never breaks the generated module, whatever the text (property)', async () => {
    const ts = (await import('typescript')).default;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), (text) => {
        fc.pre(text.trim().length > 0);
        const source = generateTsEnum(withText(text), { specLabel: 'toy.yaml' })[0]?.contents ?? '';
        const out = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ES2022 } });
        expect(out.diagnostics ?? []).toEqual([]);
        const table = source.slice(source.indexOf('LABEL_BY_NODE_STATE'));
        // JSON escaping, plus a \u escape for every line separator and invisible character.
        const invisible = /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
        expect(table).toContain(JSON.stringify(text).replace(invisible, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });
});
