// Reads what a SPIN verifier (pan) prints at the end of a run: the counts, the
// memory, the time, and every sign that the search was cut short. Single-core,
// multi-core (-DNCORE: per-core lines, then one summary with the totals) and
// parallel breadth-first (-DBFS_PAR) runs print the same summary block.

/** The first number captured by `pattern` in `text`, or undefined. */
function number(text, pattern) {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * The summary of one pan run.
 * @param {string} text pan's stdout and stderr
 */
export function parsePanOutput(text) {
  // The summary block ("N states, stored") is printed once, with the totals over
  // every core; per-core progress lines ("cpu1: ... States= 4.6e+04") are not summed.
  const states = number(text, /^\s*([\d.e+]+) states, stored/m);
  const perCore = [...text.matchAll(/^cpu(\d+): elapsed time ([\d.e+]+) seconds/gm)].map((m) => Number(m[2]));
  const single = number(text, /^pan: elapsed time ([\d.e+]+) seconds/m);
  const searchSeconds = single ?? (perCore.length ? Math.max(...perCore) : undefined);
  // Single-core pan prints "total actual memory usage", or a one-line "memory usage (Mbyte)" when
  // it needs no breakdown (-DNOCOMP); -DBFS_PAR splits shared and non-shared memory.
  const total = number(text, /^\s*([\d.]+)\s+total actual memory usage/m) ?? number(text, /^\s*([\d.]+)\s+memory usage \(Mbyte\)/m);
  const shared = number(text, /^\s*([\d.]+)\s+total shared memory usage/m);
  const nonShared = number(text, /^\s*([\d.]+)\s+total non-shared memory usage/m);
  const memoryMb = total ?? (shared !== undefined ? shared + (nonShared ?? 0) : undefined);
  return {
    states,
    matched: number(text, /^\s*([\d.e+]+) states, matched/m),
    depth: number(text, /depth reached (\d+)/),
    stateVector: number(text, /State-vector (\d+) byte/),
    hashConflicts: number(text, /^hash conflicts:\s+([\d.e+]+)/m),
    errors: number(text, /errors: (\d+)/),
    searchSeconds,
    memoryMb,
    hashCompact: /Hash-Compact \d+ search/.test(text),
    /** pan's advice on how to rebuild, e.g. "-DVMAX=40" (multi-core). */
    hints: [...text.matchAll(/recommend recompiling with (-D\w+=\d+)/g)].map((m) => m[1]),
    truncations: truncations(text),
  };
}

/** Every message by which pan says its search did not cover the whole state space. */
function truncations(text) {
  const found = [];
  if (/max search depth too small/.test(text)) found.push('max search depth too small (-m)');
  if (/reached -DMEMLIM bound/.test(text)) found.push('reached the -DMEMLIM bound');
  const memory = /out of (non-shared |shared )?memory/.exec(text);
  if (memory) found.push(memory[0]);
  if (/Search not completed|Search incomplete/.test(text)) found.push('search not completed');
  if (/hash table is full/.test(text)) found.push('hash table full (-w)');
  const lost = /([\d.e+]+) states lost \(([^)]*)\)/.exec(text);
  if (lost) found.push(`${lost[1]} states lost (${lost[2]})`);
  if (/VECTORSZ too small|recompile with -DVMAX/.test(text)) found.push('state vector too large for the build');
  if (/search depth limit reached|depth limit reached/.test(text)) found.push('depth limit reached');
  if (/pan: wrong (number|value)|pan: cannot|pan: error/.test(text)) found.push('pan reported an error');
  return found;
}

/**
 * Why a pan run cannot count as a full state count, or undefined when it can.
 * @param {ReturnType<typeof parsePanOutput>} run
 * @param {number} exact fsmkit's full state count (without symmetry)
 * @param {number} status pan's exit status
 */
export function disqualification(run, exact, status) {
  if (run.truncations.length) return run.truncations.join('; ');
  if (run.states === undefined) return `no state count in pan's output (exit ${status})`;
  if (status !== 0) return `pan exited ${status}`;
  if (run.states < exact) {
    const lost = exact - run.states;
    const why = run.hashCompact ? ', merged by hash compaction (lossy, pan does not report it)' : '';
    return `${lost.toLocaleString('en-US')} states lost (${run.states.toLocaleString('en-US')} of ${exact.toLocaleString('en-US')})${why}`;
  }
  if (run.states > exact) return `${run.states.toLocaleString('en-US')} states, more than fsmkit's ${exact.toLocaleString('en-US')}: the models differ`;
  return undefined;
}
