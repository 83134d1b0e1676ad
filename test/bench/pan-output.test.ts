import { describe, expect, it } from 'vitest';
import { panBuild, panSettings } from '../../bench/pan-builds.mjs';
import { disqualification, parsePanOutput } from '../../bench/pan-output.mjs';

// The relationships bench names SPIN's fastest mode only among runs that counted
// every state; these are the shapes of pan's output it must read right.
const summary = (states: number, extra = '') => `
(Spin Version 6.5.2 -- 6 December 2019)
${extra}
State-vector 36 byte, depth reached 2142, errors: 0
    ${states} states, stored
   445461 states, matched
   545258 transitions (= stored+matched)
        0 atomic steps
hash conflicts:       790 (resolved)
`;

const singleCore = `${summary(99797)}
Stats on memory usage (in Megabytes):
    5.330	equivalent memory usage for states (stored*(State-vector + overhead))
    4.787	actual memory usage for states (compression: 89.82%)
   13.461	total actual memory usage

pan: elapsed time 0.67 seconds
pan: rate 148950.75 states/second
`;

const multiCore = `cpu1: Depth=      60 States=  4.6e+04 Transitions= 2.66e+05 Memory=     2.457	t=     5.48 R=   8e+03
cpu0: Depth=      60 States= 5.38e+04 Transitions= 2.79e+05 Memory=   140.376	t=     5.49 R=   1e+04
${summary(99797, '\t+ Multi-Core (NCORE=2 -z20)')}
Stats on memory usage (in Megabytes):
 3862.496	shared memory reserved for state storage
  142.833	total actual memory usage

cpu1: elapsed time 5.61 seconds (46000 states visited)
cpu0: elapsed time 5.67 seconds (99797 states visited)
cpu0: rate 17600.9 states/second
cpu0: recommend recompiling with -DVMAX=40
`;

describe("the bench's reading of pan's output", () => {
  it('reads the totals of a single-core run, which counts when its count is exact', () => {
    const run = parsePanOutput(singleCore);
    expect(run).toMatchObject({ states: 99797, matched: 445461, depth: 2142, stateVector: 36, searchSeconds: 0.67, memoryMb: 13.461, truncations: [] });
    expect(disqualification(run, 99797, 0)).toBeUndefined();
  });

  it('takes the totals of a multi-core run from its summary, not from the per-core progress lines', () => {
    const run = parsePanOutput(multiCore);
    expect(run.states).toBe(99797);
    expect(run.searchSeconds).toBe(5.67);
    expect(run.memoryMb).toBe(142.833);
    expect(run.hints).toEqual(['-DVMAX=40']);
  });

  it('adds shared and non-shared memory for a parallel breadth-first run', () => {
    const run = parsePanOutput(
      `${summary(647)}\n    0.195\ttotal non-shared memory usage\n\n    6.902\ttotal shared memory usage\n\npan: elapsed time 1.1 seconds\n`,
    );
    expect(run.memoryMb).toBeCloseTo(7.097, 6);
  });

  it.each([
    ['a stack too shallow', `error: max search depth too small\n${singleCore}`, /max search depth too small/],
    ['the memory limit', `pan: reached -DMEMLIM bound\n\t1e+09 bytes used\n${singleCore}`, /-DMEMLIM bound/],
    ['memory exhausted', `pan: out of memory\n${singleCore}`, /out of memory/],
    [
      'shared memory exhausted (parallel breadth-first)',
      `cpu00: stop (out of shared memory)\nWarning: Search not completed\n${summary(0)}`,
      /out of shared memory; search not completed/,
    ],
  ])('disqualifies a run cut short by %s, even with the right count', (_, text, reason) => {
    expect(disqualification(parsePanOutput(text), 99797, 0)).toMatch(reason);
  });

  it('disqualifies a parallel breadth-first run whose table filled up or whose queues overflowed', () => {
    const text = `cpu00: hash table is full\nWarning: Search incomplete\n${summary(4194298)}  4461096 states lost (lack of queue memory)\n`;
    expect(disqualification(parsePanOutput(text), 13098905, 0)).toBe('search not completed; hash table full (-w); 4461096 states lost (lack of queue memory)');
  });

  it("sizes the parallel breadth-first table by its slots, not by the other modes' -w", () => {
    const settings = panSettings(13_098_905, 24 * 2 ** 30);
    const build = panBuild('bfs-par', settings, { cores: 2 });
    expect(build.pan).toContain('-w24');
    expect(build.gcc).toContain(`-DMEMLIM=${settings.memLimitMb + 4224}`);
  });

  it('disqualifies hash compaction that merged states, and says so', () => {
    const run = parsePanOutput(summary(99699, 'Hash-Compact 4 search for:'));
    expect(disqualification(run, 99797, 0)).toBe('98 states lost (99,699 of 99,797), merged by hash compaction (lossy, pan does not report it)');
  });

  it('disqualifies a run without a summary or with more states than fsmkit', () => {
    expect(disqualification(parsePanOutput('Segmentation fault'), 647, 139)).toMatch(/no state count.*exit 139/);
    expect(disqualification(parsePanOutput(summary(700)), 647, 0)).toMatch(/more than fsmkit's 647/);
  });
});

describe('how the bench builds pan', () => {
  it('sizes the hash table for about twice the states and the stack for a deep search', () => {
    const settings = panSettings(13_098_905, 24 * 2 ** 30);
    expect(2 ** settings.hashBits).toBeGreaterThanOrEqual(2 * 13_098_905);
    expect(2 ** (settings.hashBits - 1)).toBeLessThan(2 * 13_098_905);
    expect(settings.depth).toBeGreaterThan(73_704); // the depth pan reached at K = 3
    expect(panSettings(647, 24 * 2 ** 30).depth).toBe(10_000);
  });

  it('never asks for more than three quarters of the memory', () => {
    expect(panSettings(1e9, 8 * 2 ** 30).memLimitMb).toBe(6144);
  });

  it('builds the multi-core verifier with the storage that won and queues sized for the state vector', () => {
    const build = panBuild('ncore', panSettings(99797, 2 ** 34), { cores: 4, storage: 'collapse', vectorBytes: 36 });
    expect(build.gcc).toEqual(expect.arrayContaining(['-O2', '-DSAFETY', '-DCOLLAPSE', '-DNCORE=4', '-DVMAX=40']));
    expect(build.name).toBe('ncore (collapse)');
  });

  it('keeps parallel breadth-first search exact: no hash compaction, all cores', () => {
    const build = panBuild('bfs-par', panSettings(99797, 2 ** 34), { cores: 2 });
    expect(build.gcc).toEqual(expect.arrayContaining(['-DBFS_PAR', '-DNO_HC']));
    expect(build.pan).toContain('-u2');
  });
});
