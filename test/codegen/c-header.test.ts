import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCHeader } from '../../src/codegen/c-header.js';
import { checkSpec } from '../../src/model/check-spec.js';
import { repoPath, TOY_SPEC } from '../helpers/paths.js';

function hasCompiler(): boolean {
  try {
    execFileSync('cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const STRICT = ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic'];

/** Compiles `program` with the header beside it and returns what it prints. */
function compileAndRun(header: string, program: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-c-'));
  writeFileSync(join(dir, 'fsm_state.h'), header);
  writeFileSync(join(dir, 'main.c'), program);
  execFileSync('cc', [...STRICT, '-o', join(dir, 'main'), join(dir, 'main.c')], { stdio: 'pipe' });
  return execFileSync(join(dir, 'main'), { encoding: 'utf8' });
}

describe.skipIf(!hasCompiler())('generated/fsm_state.h', () => {
  const header = readFileSync(repoPath('generated/fsm_state.h'), 'utf8');

  it("is Dhcpsapi.h's FSM_STATE, value for value, and the lookups agree", () => {
    const program = `#include <stdio.h>
#include "fsm_state.h"
int main(void) {
  FSM_STATE s = NO_STATE;
  printf("%d %d %d %d %d %d %d %d %d %d %d %d %d %d\\n", NO_STATE, INIT, STARTUP, NORMAL, COMMUNICATION_INT, PARTNER_DOWN,
         POTENTIAL_CONFLICT, CONFLICT_DONE, RESOLUTION_INT, RECOVER, RECOVER_WAIT, RECOVER_DONE, PAUSED, SHUTDOWN);
  printf("%d %d %d %d\\n", fsm_state_to_wire(CONFLICT_DONE), fsm_state_to_wire(RECOVER_WAIT), fsm_state_to_wire(STARTUP), fsm_state_to_wire(NO_STATE));
  int found = fsm_state_from_wire(10, &s);
  printf("%d %d\\n", found, (int)s);
  found = fsm_state_from_isc("recover-wait", &s);
  printf("%d %d %d\\n", found, (int)s, fsm_state_from_isc("nope", &s));
  printf("%s %s %s\\n", fsm_state_name(COMMUNICATION_INT), fsm_state_to_draft(COMMUNICATION_INT), fsm_state_to_isc(NO_STATE));
  printf("%d\\n", fsm_state_to_draft(INIT) == NULL);
  return 0;
}
`;
    expect(compileAndRun(header, program).split('\n')).toEqual([
      '0 1 2 3 4 5 6 7 8 9 10 11 12 13',
      '11 -1 1 -1',
      '1 8',
      '1 10 0',
      'COMMUNICATION_INT COMMUNICATIONS-INTERRUPTED unknown-state',
      '1',
      '',
    ]);
  });

  it('keeps hostile text inert: comment terminators, trigraphs, backslashes, quotes, non-ASCII', () => {
    const hostile = 'end */ of ??/ comment ??= "q" \\ back ℃ \u2028 x';
    const text = readFileSync(TOY_SPEC, 'utf8')
      .replace('description: Both nodes run and talk.', `description: ${JSON.stringify(hostile)}`)
      .replace('label: paired', `label: ${JSON.stringify(hostile)}`);
    const model = checkSpec('toy.yaml', text).model;
    if (!model) throw new Error('toy spec rejected');
    const toyHeader = generateCHeader(model, { specLabel: 'toy.yaml' })[0]?.contents ?? '';
    const out = compileAndRun(
      toyHeader,
      `#include <stdio.h>\n#include "fsm_state.h"\nint main(void) { printf("%s", node_state_to_label(PAIRED)); return 0; }\n`,
    );
    expect(out).toBe(hostile);
  });
});

describe.skipIf(!hasCompiler())('every committed C header', () => {
  it.each(['generated/fsm_state.h', 'test/golden/toy-pair/node_state.h'])('%s compiles warning-free as C99', (file) => {
    expect(() => execFileSync('cc', [...STRICT, '-fsyntax-only', '-x', 'c', repoPath(file)], { stdio: 'pipe' })).not.toThrow();
  });
});
