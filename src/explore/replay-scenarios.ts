import type { Diagnostic, DiagnosticCode } from '../diagnostics/diagnostic.js';
import { type Model, type ModelRule, NO_MEMORY, type RoleId } from '../model/model.js';
import type { DataPath, Span } from '../spec/read-yaml.js';
import { formatServerNotation, parseServerNotation } from '../spec/server-notation.js';
import type { PairSpecState, ScenarioSpec, ScenarioStepSpec } from '../spec/spec-types.js';
import type { Configuration } from './configuration.js';
import { initialPair, networkUp, PAIR_WIDTH, type PairState, setFlag, setMemory, setNetwork, setState } from './pair-codec.js';
import { PairStepper } from './pair-stepper.js';
import { type Step, stepTable } from './steps.js';
import { pairTraceView, pairView, type Trace, type TraceStep } from './trace.js';

/** A scenario as replayed: the pair after each step, and whether every expectation held. */
export interface ScenarioRun {
  name: string;
  description: string;
  ref?: string;
  /** Step 0 is the starting pair; the run stops at the first failed step. */
  trace: Trace;
  ok: boolean;
}

/** Where a data path of the spec is, for positioned findings. */
export interface SpecPlace {
  file: string;
  locate(path: DataPath): Span;
}

/**
 * Replays the spec's scenarios through the explorer's own stepper (every
 * event switched on) and reports, at the step's place in the spec, the first
 * step of each scenario that cannot be taken, ends in another pair than
 * expected, or leaves other protocol steps possible than listed.
 * Names were checked with the spec, so only behaviour can fail here.
 */
export function replayScenarios(model: Model, place: SpecPlace): { runs: ScenarioRun[]; diagnostics: Diagnostic[] } {
  const everything: Configuration = {
    name: 'scenarios',
    description: '',
    enabled: model.events.map(() => true),
    hasEnvironment: true,
    shape: { relationships: 1, symmetry: true },
  };
  const replayer = new Replayer(model, stepTable(model, everything));
  const runs: ScenarioRun[] = [];
  const diagnostics: Diagnostic[] = [];
  (model.spec.scenarios ?? []).forEach((scenario, i) => {
    const run = replayer.run(scenario, (code, path, message, hint) => {
      const span = place.locate(['scenarios', i, ...path]);
      diagnostics.push({ code, severity: 'error', message, file: place.file, start: span.start, end: span.end, hint });
    });
    runs.push(run);
  });
  return { runs, diagnostics };
}

type Report = (code: DiagnosticCode, path: DataPath, message: string, hint: string) => void;

class Replayer {
  private readonly stepper: PairStepper;

  constructor(
    private readonly model: Model,
    private readonly steps: readonly Step[],
  ) {
    this.stepper = new PairStepper(model);
  }

  run(scenario: ScenarioSpec, report: Report): ScenarioRun {
    const { model } = this;
    let pair = scenario.from ? this.pairOf(scenario.from, 'up') : initialPair(model);
    const trace: Trace = [{ kind: 'start', after: pairTraceView(model, pair) }];
    const run: ScenarioRun = { name: scenario.name, description: scenario.description, trace, ok: true };
    if (scenario.ref) run.ref = scenario.ref;
    const fix = `fix the rule that behaves otherwise, or the scenario if it misreads section ${scenario.ref ?? 'its source'}`;
    for (const [j, written] of scenario.steps.entries()) {
      const where = `scenario ${scenario.name}, step ${j + 1} (${this.describe(written)})`;
      const taken = this.take(written, pair);
      if (typeof taken === 'string') {
        report('SCENARIO_STEP_IMPOSSIBLE', ['steps', j, written.rule !== undefined ? 'rule' : 'event'], `${where} cannot be taken: ${taken}`, fix);
        run.ok = false;
        break;
      }
      pair = taken.after;
      trace.push(taken.entry);
      if (written.expect) {
        const wanted = this.pairOf(written.expect, this.networkOf(pair));
        if (!samePair(wanted, pair)) {
          report('SCENARIO_MISMATCH', ['steps', j, 'expect'], `${where}: expected ${this.show(wanted)}; the spec gives ${this.show(pair)}`, fix);
          run.ok = false;
          break;
        }
      }
      if (written.next) {
        const want = [...written.next].sort();
        const got = this.possible(pair);
        if (want.join() !== got.join()) {
          const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');
          report(
            'SCENARIO_NEXT_MISMATCH',
            ['steps', j, 'next'],
            `${where}: expected the protocol steps ${list(want)} to be possible next; the spec allows ${list(got)}`,
            fix,
          );
          run.ok = false;
          break;
        }
      }
    }
    return run;
  }

  /** Takes a step: the pair after it and its trace entry, or why it cannot be taken. */
  private take(written: ScenarioStepSpec, pair: PairState): { after: PairState; entry: TraceStep } | string {
    const { model } = this;
    const server = written.server === undefined ? undefined : (model.roles.indexOf(written.server) as RoleId);
    const rule = written.rule === undefined ? undefined : model.rules.find((r) => r.id === written.rule);
    const eventId = written.event !== undefined ? model.eventByName.get(written.event) : rule?.events[0];
    const who = rule?.role ?? server;
    const candidates = this.steps.filter(
      (s) => s.event === eventId && s.server === (s.server === undefined ? undefined : who) && (rule === undefined || s.rule === rule),
    );
    const results: { step: Step; after: PairState }[] = [];
    for (const step of candidates) {
      const after = new Int32Array(PAIR_WIDTH);
      if (this.stepper.apply(step, pair, after)) results.push({ step, after });
    }
    const event = model.events[eventId as number];
    if (results.length === 0) {
      // A "nothing happens" line of the source: enabled, it leaves the pair as it is.
      const stays = model.rules.filter((r) => r.stay && (rule === undefined || r === rule) && r.events.includes(eventId as number) && (r.role ?? who) === who);
      const stay = stays.find((r) => who !== undefined && this.stepper.ruleEnabledFor(r, eventId as number, pair, who));
      if (stay)
        return {
          after: pair,
          entry: this.entry(stay, eventId as number, who, pair),
        };
      if (rule || event?.action !== undefined) return `it is not enabled in ${this.show(pair)}`;
      // A rule event that no rule takes here changes nothing either (the source does not name the situation).
      return { after: pair, entry: this.entry(undefined, eventId as number, who, pair) };
    }
    const distinct = new Set(results.map((r) => [...r.after].join()));
    if (distinct.size > 1) return `${results.map((r) => r.step.rule?.id ?? 'its action').join(' and ')} all apply in ${this.show(pair)}; name the rule`;
    const [first] = results as [{ step: Step; after: PairState }];
    return { after: first.after, entry: this.entry(first.step.rule, eventId as number, who, first.after) };
  }

  /** The trace entry of a step: the rule followed (none for an action), the event, who moved, the pair after. */
  private entry(rule: ModelRule | undefined, eventId: number, server: RoleId | undefined, after: PairState): TraceStep {
    const { model } = this;
    const event = model.events[eventId];
    const entry: TraceStep = { kind: event?.kind === 'protocol' ? 'protocol' : 'environment', after: pairTraceView(model, after) };
    if (server !== undefined) entry.server = model.roles[server];
    if (rule) entry.rule = rule.id;
    if (event) entry.event = event.name;
    const ref = rule ? model.spec.rules[rule.index]?.ref : model.spec.events[eventId]?.ref;
    if (ref) entry.ref = ref;
    return entry;
  }

  /** The protocol rule steps possible in `pair` that lead elsewhere, as sorted `role:rule-id`. */
  private possible(pair: PairState): string[] {
    const out = new Set<string>();
    const after = new Int32Array(PAIR_WIDTH);
    for (const step of this.steps) {
      if (!step.protocol || !step.rule || step.server === undefined) continue;
      if (this.stepper.apply(step, pair, after) && !samePair(after, pair)) out.add(`${this.model.roles[step.server]}:${step.rule.id}`);
    }
    return [...out].sort();
  }

  private pairOf(written: PairSpecState, network: 'up' | 'down'): PairState {
    const { model } = this;
    const pair = new Int32Array(PAIR_WIDTH);
    for (const i of [0, 1] as const) {
      const server = parseServerNotation(written[model.roles[i]] ?? '');
      setState(pair, i, model.stateByName.get(server?.state ?? '') ?? 0);
      setMemory(pair, i, server?.memory === undefined ? NO_MEMORY : (model.stateByName.get(server.memory) ?? NO_MEMORY));
      setFlag(pair, i, server?.flag === true);
    }
    setNetwork(pair, (written.network ?? network) === 'up');
    return pair;
  }

  private networkOf(pair: PairState): 'up' | 'down' {
    return networkUp(pair) ? 'up' : 'down';
  }

  private show(pair: PairState): string {
    const view = pairView(this.model, pair);
    const servers = this.model.roles.map((r) => `${r} ${formatServerNotation(view.servers[r] ?? { state: '?' })}`);
    return `${servers.join(', ')}, network ${view.network}`;
  }

  private describe(written: ScenarioStepSpec): string {
    const role = this.model.rules.find((r) => r.id === written.rule)?.role;
    const who = written.server ?? (role === undefined ? undefined : this.model.roles[role]);
    const what = written.rule ?? written.event ?? '?';
    return who ? `${who}: ${what}` : what;
  }
}

function samePair(a: PairState, b: PairState): boolean {
  for (let i = 0; i < PAIR_WIDTH; i++) if (a[i] !== b[i]) return false;
  return true;
}
