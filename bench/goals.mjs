// The goals of issue 17 (point 4), judged from the figures of one bench run.
// Each goal is met, not met, or not measured (with the flag that measures it).

const times = (x) => `${x.toFixed(1)}x`;
/** Wall time of a fresh run may vary by a few percent from run to run on a busy machine. */
const NOISE = 1.05;

/**
 * @param {{
 *   ks: number[],
 *   perK: Map<number, { fsmkit: Record<string, any>, spin?: ReturnType<typeof import('./spin-at-its-best.mjs').measureSpin> }>,
 *   k4?: { wallMs: number },
 *   xstate: { name: string, ratio: number }[],
 *   workers: number[] | undefined,
 * }} results `fsmkit` is keyed by `${symmetry ? 'sym' : 'full'}-${workers ?? 'default'}`
 * @returns {{ goal: string, measured: string, status: 'met' | 'not met' | 'not measured' }[]}
 */
export function judgeGoals({ ks, perK, k4, xstate, workers }) {
  const all = workers ? workers.at(-1) : 'default';
  const one = workers ? workers[0] : 'default';
  const goals = [];
  const add = (goal, measured, ok) => goals.push({ goal, measured, status: ok === undefined ? 'not measured' : ok ? 'met' : 'not met' });
  const usual = (k) => perK.get(k).fsmkit[`${k > 1 ? 'sym' : 'full'}-${all}`];

  const vsSpin = ks.filter((k) => perK.get(k).spin?.best).map((k) => ({ k, ratio: perK.get(k).spin.best.wallMs / usual(k).wallMs }));
  add(
    'every K: fsmkit (as run by default) end to end >= 1.5x SPIN fastest mode',
    vsSpin.map((r) => `K=${r.k} ${times(r.ratio)}`).join(', ') || 'no SPIN run',
    vsSpin.length ? vsSpin.every((r) => r.ratio >= 1.5) : undefined,
  );

  const k3 = perK.get(3);
  const full3 = k3?.fsmkit[`full-${all}`];
  if (k3?.spin?.best && full3) {
    const e2e = k3.spin.best.wallMs / full3.wallMs;
    add('K=3 without symmetry: end to end >= 1.5x SPIN at its best', `${times(e2e)} (${k3.spin.best.build.name})`, e2e >= 1.5);
    const search = k3.spin.fastestSearch;
    const rate = search && search.searchMs / full3.exploreMs;
    add(
      "K=3 without symmetry: exploration >= 2x pan's states/s",
      search ? `${times(rate)} (${search.build.name})` : 'no pan search time',
      search ? rate >= 2 : undefined,
    );
  } else {
    add('K=3 without symmetry: end to end >= 1.5x SPIN at its best', 'not run (--max-k 3 and SPIN needed)');
    add("K=3 without symmetry: exploration >= 2x pan's states/s", 'not run (--max-k 3 and SPIN needed)');
  }

  const stores = [...perK.values()].flatMap((p) => Object.values(p.fsmkit)).concat(k4 ? [k4] : []);
  const worst = Math.max(...stores.map((r) => r.bytesPerState));
  add('at most 16 bytes per stored state', `at most ${worst.toFixed(1)}`, worst <= 16);

  const k2 = perK.get(2);
  if (k2 && workers && workers.length > 1) {
    const slow = ['full', 'sym'].map((s) => k2.fsmkit[`${s}-${all}`].wallMs / k2.fsmkit[`${s}-${one}`].wallMs);
    add(
      `no slowdown at K=2 (${all} workers against 1, end to end, within ${Math.round((NOISE - 1) * 100)}%)`,
      `${slow.map((s) => `${(s * 100).toFixed(1)}%`).join(' and ')} of the 1-worker time (without and with symmetry)`,
      slow.every((s) => s <= NOISE),
    );
  } else {
    add('no slowdown at K=2', k2 ? 'not measured: the CLI has no --workers' : 'not run (--max-k 2)');
  }

  if (k4) add('K=4 with symmetry under 2 minutes', `${(k4.wallMs / 1000).toFixed(0)} s end to end`, k4.wallMs < 120_000);
  else add('K=4 with symmetry under 2 minutes', 'not run (--k4)');

  if (xstate.length) {
    const low = xstate.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    add(
      'K=1: >= 100x XState + @xstate/graph on every configuration',
      `lowest ${times(low.ratio)} (${low.name})`,
      xstate.every((x) => x.ratio >= 100),
    );
  } else {
    add('K=1: >= 100x XState + @xstate/graph on every configuration', 'not run');
  }
  return goals;
}
