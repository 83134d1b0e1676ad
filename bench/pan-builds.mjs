// How an expert builds SPIN's verifier to count the states of a model with
// safety only, in each mode the bench compares. The model is one process
// (`active proctype pair`), so partial-order reduction has nothing to reduce:
// the counts are the same with and without it, and -DNOREDUCE drops its
// bookkeeping. -DNOBOUNDCHECK drops array bound checks (the model indexes its
// arrays with constants). -A -E: no assertion or end-state check, counting only.

/** The modes, in the order they run; `--modes` picks a subset. */
export const PAN_MODES = {
  dfs: 'depth-first, default state compression',
  nocomp: 'depth-first, -DNOCOMP (no compression)',
  collapse: 'depth-first, -DCOLLAPSE (component tables)',
  hc4: 'depth-first, -DHC4 (hash compaction: lossy)',
  ncore: 'multi-core depth-first, -DNCORE=<cores>, best storage of the above',
  bfs: 'breadth-first, -DBFS (shortest traces, like fsmkit), best storage of the depth-first modes',
  'bfs-par': 'multi-core breadth-first, -DBFS_PAR -DNO_HC (exact storage)',
  opt: 'the winner rebuilt with gcc -O0 and -O1 when compiling takes longer than searching',
};

const storageFlags = { dfs: [], nocomp: ['-DNOCOMP'], collapse: ['-DCOLLAPSE'], hc4: ['-DHC4'] };

/**
 * Hash table, depth and memory settings for a model of about `states` states.
 * @param {number} states the expected state count (fsmkit's, without symmetry)
 * @param {number} totalMemoryBytes the machine's memory
 */
export function panSettings(states, totalMemoryBytes) {
  // -wN: 2^N slots, about twice the states, so chains stay short.
  const hashBits = Math.min(34, Math.max(10, Math.ceil(Math.log2(2 * states))));
  // Depth-first search goes deep here (74k steps for 13M states at K = 3): the
  // stack must hold the deepest path or pan cuts the search ("max search depth too small").
  const depth = Math.max(10_000, Math.ceil(states / 10));
  // Enough for pan's worst storage (about 150 bytes a state), the stack and the
  // multi-core queues; never more than three quarters of the machine.
  const wantMb = Math.ceil((states * 400) / 2 ** 20) + 2048;
  const maxMemLimitMb = Math.floor((totalMemoryBytes * 0.75) / 2 ** 20);
  const memLimitMb = Math.min(wantMb, maxMemLimitMb);
  return { states, hashBits, depth, memLimitMb, maxMemLimitMb };
}

/**
 * One build of pan: what gcc gets and how pan runs.
 * @param {string} mode a key of PAN_MODES but `opt`
 * @param {{ hashBits: number, depth: number, memLimitMb: number }} settings
 * @param {{ cores: number, storage?: string, optimize?: string, vectorBytes?: number }} options
 *   `storage`: the depth-first mode whose flags ncore reuses; `vectorBytes`: the state vector, for -DVMAX
 */
export function panBuild(mode, settings, { cores, storage = 'nocomp', optimize = '-O2', vectorBytes }) {
  const common = [optimize, '-DSAFETY', '-DNOBOUNDCHECK', '-DNOREDUCE', `-DMEMLIM=${settings.memLimitMb}`];
  const run = [`-m${settings.depth}`, `-w${settings.hashBits}`, '-A', '-E'];
  const name = optimize === '-O2' ? mode : `${mode} ${optimize}`;
  if (mode in storageFlags) return { name, mode, cores: 1, gcc: [...common, ...storageFlags[mode]], pan: run };
  if (mode === 'ncore') {
    // Each core hands states to the others through queues sized for the largest
    // state vector (-DVMAX, 1024 bytes by default); pan advises the real size.
    const vmax = vectorBytes ? [`-DVMAX=${Math.ceil(vectorBytes / 8) * 8}`] : [];
    return { name: `${name} (${storage})`, mode, cores, gcc: [...common, ...storageFlags[storage], `-DNCORE=${cores}`, ...vmax], pan: run };
  }
  if (mode === 'bfs') return { name: `${name} (${storage})`, mode, cores: 1, gcc: [...common, ...storageFlags[storage], '-DBFS'], pan: run };
  if (mode === 'bfs-par') {
    // BFS_PAR stores hash signatures (HC4, lossy) unless told not to. Its table
    // is open addressing, one state a slot of about 256 bytes of shared memory
    // (`hash table is full` past 2^w states): slots for the states at 80% full,
    // and a memory limit for that table besides the queues.
    const bits = Math.max(10, Math.ceil(Math.log2(settings.states / 0.8)));
    const memLimitMb = Math.min(settings.memLimitMb + Math.ceil((2 ** bits * 264) / 2 ** 20), settings.maxMemLimitMb);
    const gcc = [optimize, '-DSAFETY', '-DNOBOUNDCHECK', '-DNOREDUCE', `-DMEMLIM=${memLimitMb}`, '-DBFS_PAR', '-DNO_HC'];
    return { name, mode, cores, gcc, pan: [`-m${settings.depth}`, `-w${bits}`, '-A', '-E', `-u${cores}`] };
  }
  throw new Error(`internal: no pan build for mode ${mode}`);
}
