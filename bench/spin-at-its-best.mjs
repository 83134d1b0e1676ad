// SPIN at its best on one model: every storage mode depth-first on one core,
// then the multi-core and breadth-first modes with the best storage, then the
// winner rebuilt with less gcc optimisation when compiling dominates. A run
// that loses states or is cut short is kept in the table but cannot win.
import { PAN_MODES, panBuild, panSettings } from './pan-builds.mjs';
import { prepareSpinModel } from './spin-runner.mjs';

const fastest = (runs, key) => runs.filter((r) => !r.disqualified).sort((a, b) => a[key] - b[key])[0];

/**
 * Measures every selected pan mode on one model.
 * @param {{ promela: string, exact: number, cores: number, modes: Set<string>, repeat: number, totalMemory: number }} options
 *   `exact`: fsmkit's full state count, which pan must reproduce
 */
export function measureSpin({ promela, exact, cores, modes, repeat, totalMemory }) {
  const settings = panSettings(exact, totalMemory);
  const model = prepareSpinModel(promela);
  const runs = [];
  const notes = [];
  try {
    for (const mode of ['dfs', 'nocomp', 'collapse', 'hc4']) {
      if (modes.has(mode)) runs.push(model.run(panBuild(mode, settings, { cores: 1 }), exact, repeat));
    }
    const storage = fastest(runs, 'panMs')?.build.mode ?? 'nocomp';
    const vectorBytes = runs.find((r) => r.stateVector)?.stateVector;
    for (const mode of ['ncore', 'bfs', 'bfs-par']) {
      if (!modes.has(mode)) continue;
      if (mode !== 'bfs' && cores < 2) {
        notes.push(`${mode} not run: this machine has one core`);
        continue;
      }
      runs.push(model.run(panBuild(mode, settings, { cores, storage, vectorBytes }), exact, repeat));
    }
    const winner = fastest(runs, 'wallMs');
    // At small K gcc takes longer than the search: less optimisation may win end to end.
    if (modes.has('opt') && winner && winner.gccMs > winner.panMs) {
      for (const optimize of ['-O0', '-O1']) {
        runs.push(model.run(panBuild(winner.build.mode, settings, { cores, storage, vectorBytes, optimize }), exact, repeat));
      }
    }
  } finally {
    model.close();
  }
  return {
    settings,
    spinMs: model.spinMs,
    runs,
    notes,
    best: fastest(runs, 'wallMs'),
    bfs: fastest(
      runs.filter((r) => r.build.mode === 'bfs' || r.build.mode === 'bfs-par'),
      'wallMs',
    ),
    fastestSearch: fastest(
      runs.filter((r) => r.searchMs),
      'searchMs',
    ),
  };
}

/** The mode names `--modes` accepts. */
export const modeNames = Object.keys(PAN_MODES);
