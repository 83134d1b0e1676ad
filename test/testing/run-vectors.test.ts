import { describe, expect, it } from 'vitest';
import { assertVectors, formatFailure, runVectors, type VectorAdapter } from '../../src/testing/index.js';
import type { Vector, VectorFile } from '../../src/vectors/vector-types.js';

const vector: Vector = {
  id: 'rule/left/solo-pairs',
  kind: 'rule',
  role: 'left',
  rule: 'solo-pairs',
  start: { state: 'SOLO', previous: null, flag: false },
  steps: [
    {
      input: { event: 'partner-state', partner: 'SOLO', partnerStartup: false, link: 'ok', watch: false },
      expect: { state: 'PAIRED', previous: null, flag: false },
      rule: 'solo-pairs',
      ref: '2',
    },
  ],
};

/** A server that moves to `to` on any input, reporting what `report` says. */
function fake(to: string, report: (state: string) => ReturnType<VectorAdapter['state']> = (s) => s): VectorAdapter & { starts: string[] } {
  let state = '';
  const starts: string[] = [];
  return {
    starts,
    reset: (start) => {
      starts.push(`${start.role}:${start.state}`);
      state = start.state;
    },
    apply: () => {
      state = to;
    },
    state: () => report(state),
  };
}

describe('runVectors', () => {
  it('resets to the start with the role, applies each input and passes a server that lands where expected', async () => {
    const adapter = fake('PAIRED');
    const report = await runVectors([vector], adapter);
    expect(report).toEqual({ vectors: 1, steps: 1, passed: 1, failures: [] });
    expect(adapter.starts).toEqual(['left:SOLO']);
  });

  it('names the vector, the step, the section, the rule, the input, expected and actual on a mismatch', async () => {
    const report = await runVectors([vector], fake('SOLO'));
    expect(report.passed).toBe(0);
    const text = formatFailure(report.failures[0] as never);
    expect(text).toBe(
      [
        'vector rule/left/solo-pairs failed at step 1, section 2 (rule solo-pairs)',
        '  input:    partner-state; partner shows SOLO; link ok',
        '  expected: PAIRED, previous none, flag unset',
        '  actual:   SOLO',
      ].join('\n'),
    );
  });

  it('compares the previous-state and flag only when the implementation reports them', async () => {
    expect(
      (
        await runVectors(
          [vector],
          fake('PAIRED', (s) => ({ state: s })),
        )
      ).passed,
    ).toBe(1);
    const wrongPrevious = await runVectors(
      [vector],
      fake('PAIRED', (s) => ({ state: s, previous: 'SOLO' })),
    );
    expect(wrongPrevious.failures).toHaveLength(1);
    const wrongFlag = await runVectors(
      [vector],
      fake('PAIRED', (s) => ({ state: s, flag: true })),
    );
    expect(wrongFlag.failures).toHaveLength(1);
  });

  it('turns an exception of the implementation into a failure of that step', async () => {
    const adapter = fake('PAIRED');
    adapter.apply = () => {
      throw new Error('no handler for partner-state');
    };
    const report = await runVectors([vector], adapter);
    expect(formatFailure(report.failures[0] as never)).toContain('actual:   threw no handler for partner-state');
  });

  it('refuses a file of another format version, saying how to get a readable one', async () => {
    const file = { fsmkitVectors: 2, vectors: [] } as unknown as VectorFile;
    await expect(runVectors(file, fake('PAIRED'))).rejects.toThrow(/version 2 is not supported .*regenerate/);
  });

  it('assertVectors throws one error listing the failures, for any test runner', async () => {
    await expect(assertVectors([vector, { ...vector, id: 'second' }], fake('SOLO'))).rejects.toThrow(
      /^2 of 2 vectors failed \(0 passed, 2 steps run\)\n\nvector rule\/left\/solo-pairs failed at step 1/,
    );
    await expect(assertVectors([vector], fake('PAIRED'))).resolves.toMatchObject({ passed: 1 });
  });
});
