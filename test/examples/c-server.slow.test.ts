import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/model/check-spec.js';
import { ruleVectorFile } from '../../src/vectors/vector-file.js';
import { formatVectorsC } from '../../src/vectors/vectors-c.js';
import { BUNDLED_SPEC, repoPath } from '../helpers/paths.js';

const checked = await loadSpec(BUNDLED_SPEC);
if (!checked.model) throw new Error('the bundled spec did not check');
const vectors = ruleVectorFile(checked.model);
const CFLAGS = ['-std=c99', '-Wall', '-Wextra', '-Werror'];

/** Builds examples/c-server against the generated enum header and the C vectors; `edit` changes the endpoint's source. */
function build(edit: (source: string) => string = (s) => s): { dir: string; binary: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fsmkit-c-server-'));
  copyFileSync(repoPath('generated/fsm_state.h'), join(dir, 'fsm_state.h'));
  writeFileSync(join(dir, 'dhcpv4_failover_vectors.h'), formatVectorsC(vectors, { stateHeader: '"fsm_state.h"', banner: ['test build'] }));
  writeFileSync(join(dir, 'failover_endpoint.c'), edit(readFileSync(repoPath('examples/c-server/failover_endpoint.c'), 'utf8')));
  const binary = join(dir, 'run_vectors');
  const cc = spawnSync(
    'cc',
    [...CFLAGS, `-I${dir}`, `-I${repoPath('examples/c-server')}`, '-o', binary, join(dir, 'failover_endpoint.c'), repoPath('examples/c-server/run_vectors.c')],
    { encoding: 'utf8' },
  );
  expect(cc.error, 'a C compiler `cc` is needed for this test').toBeUndefined();
  expect(cc.status, cc.stderr).toBe(0);
  return { dir, binary };
}

describe('examples/c-server', () => {
  it('builds with cc -std=c99 -Wall -Wextra -Werror and passes every C vector', () => {
    const { binary } = build();
    const run = spawnSync(binary, { encoding: 'utf8' });
    expect(run.stdout).toContain(`${vectors.summary.vectors} of ${vectors.summary.vectors} vectors passed (${vectors.summary.steps} steps)`);
    expect(run.status).toBe(0);
  });

  it('fails, naming the vector, the step and the section, when the endpoint ignores the STARTUP bit in PARTNER-DOWN', () => {
    const { binary } = build((s) => s.replace('if (announced || !connected || p->startup) return;', 'if (announced || !connected) return;'));
    const run = spawnSync(binary, { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('vector rule/primary/partner-down-ignores-startup failed at step 1, section 9.4.3');
    expect(run.stdout).toMatch(/expected PARTNER_DOWN, previous none, flag \d; actual POTENTIAL_CONFLICT/);
  });
});
