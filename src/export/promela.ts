import type { Configuration } from '../explore/configuration.js';
import { stepTable } from '../explore/steps.js';
import type { Model, ModelRule, RoleId } from '../model/model.js';
import { TO_MEMORY } from '../model/model.js';
import type { StateSet } from '../spec/spec-types.js';

/** Which property the generated model asserts after every step (SPIN stops at the first violation). */
export type PromelaCheck = { kind: 'none' } | { kind: 'invariant'; property: string } | { kind: 'no-stuck' };

export interface PromelaOptions {
  check: PromelaCheck;
  /** Banner lines (source and regeneration). */
  banner: readonly string[];
}

/**
 * Writes the paired model of one configuration as Promela, so that SPIN
 * explores the same system as fsmkit's explorer: one process whose do-loop
 * offers every step as one indivisible d_step (guard, effect, link-lost
 * transition, flag update). Encoding: a state is its index in the spec, a
 * memory is index + 1 (0 for none).
 */
export function generatePromela(model: Model, config: Configuration, options: PromelaOptions): string {
  const out: string[] = options.banner.map((l) => `/* ${l.replace(/\*\//g, '* /')} */`);
  const pair = model.spec.pair;
  if (!pair) throw new Error('internal: generatePromela needs `pair`');
  const initial = model.stateByName.get(pair.initial.state) as number;
  out.push(`/* configuration ${config.name}: ${config.description.replace(/\*\//g, '* /')} */`, '');
  model.states.forEach((s) => {
    out.push(`#define ${s.name} ${s.id}`);
  });
  const setOf = (pred: (i: number) => boolean, x: string) => {
    const ids = model.states.filter((s) => pred(s.id)).map((s) => `(${x}) == ${s.id}`);
    return ids.length ? `(${ids.join(' || ')})` : '0';
  };
  const state = (i: number) => model.states[i] as Model['states'][number];
  const steps = stepTable(model, config).map((step) => {
    const event = model.events[step.event] as Model['events'][number];
    const who = step.server === undefined ? 'network' : model.roles[step.server];
    const label = step.rule ? `${who}: ${step.rule.id} on ${event.name}` : `${who}: ${event.name}`;
    const [guard, effect] = step.rule ? ruleCode(model, step.rule, step.server as RoleId, event.partnerRunning) : actionCode(event, step.server);
    return { label, guard, effect, protocol: step.protocol };
  });
  const protocolGuards = steps.filter((st) => st.protocol).map((st) => `(${st.guard})`);
  out.push(
    '',
    `#define fsm_running(x) ${setOf((i) => state(i).running, 'x')}`,
    `#define fsm_announced(x) ${setOf((i) => state(i).announced, 'x')}`,
    `#define fsm_keeps(x) ${setOf((i) => state(i).memory, 'x')}`,
    `#define fsm_shows_memory(x) ${setOf((i) => state(i).showsMemory, 'x')}`,
    `#define fsm_serves(x) ${setOf((i) => state(i).serves, 'x')}`,
    `#define fsm_watched(x) ${setOf((i) => model.flagWatch[i] ?? false, 'x')}`,
    `#define fsm_link_lost(x) ${linkLostExpr(model)}`,
    '#define fsm_link_ok (net == 1 && fsm_running(s[0]) && fsm_running(s[1]))',
    '/* what server j shows its partner: its memory in a state that shows memory */',
    '#define fsm_shown(j) ((fsm_shows_memory(s[j]) && m[j] != 0) -> m[j] - 1 : s[j])',
    '/* the state server j stands for (for the flag): its memory in a state that keeps one */',
    '#define fsm_stands(j) (fsm_keeps(s[j]) -> (m[j] == 0 -> -1 : m[j] - 1) : s[j])',
    `#define fsm_protocol_enabled (${protocolGuards.join(' || ') || '0'})`,
    '',
    `short s[2] = ${initial};`,
    'short m[2] = 0;',
    'bit f[2] = 0;',
    `bit net = ${pair.initial.network === 'up' ? 1 : 0};`,
    'bit ok;',
    '',
    'inline finish() {',
    '  if',
    '  :: (ok && !fsm_link_ok) ->',
    '     if :: fsm_running(s[0]) -> s[0] = fsm_link_lost(s[0]) :: else -> skip fi;',
    '     if :: fsm_running(s[1]) -> s[1] = fsm_link_lost(s[1]) :: else -> skip fi',
    '  :: else -> skip',
    '  fi;',
    '  ok = 0; /* scratch only: must not tell states apart */',
    ...([0, 1] as const).map((i) => {
      const j = 1 - i;
      return `  f[${i}] = ((fsm_stands(${j}) != -1 && fsm_watched(fsm_stands(${j})) && (f[${i}] == 1 || fsm_serves(s[${i}]))) -> 1 : 0);`;
    }),
    `  ${assertion(model, options.check)}`,
    '}',
    '',
    'active proctype pair() {',
    '  do',
  );
  for (const { label, guard, effect } of steps) {
    out.push(
      `  :: d_step { /* ${label.replace(/\*\//g, '* /')} */`,
      `       ${guard} -> ok = fsm_link_ok;`,
      ...effect.map((e) => `       ${e};`),
      '       finish()',
      '     }',
    );
  }
  out.push('  od', '}', '');
  return out.join('\n');
}

function linkLostExpr(model: Model): string {
  let expr = '(x)';
  for (const s of [...model.states].reverse()) {
    const to = model.linkLost[s.id];
    if (to !== s.id) expr = `((x) == ${s.id} -> ${to} : ${expr})`;
  }
  return expr;
}

function inList(expr: string, names: readonly boolean[]): string {
  const ids = names.flatMap((on, i) => (on ? [`${expr} == ${i}`] : []));
  return ids.length ? `(${ids.join(' || ')})` : '0';
}

function ruleCode(model: Model, rule: ModelRule, i: RoleId, eventPartnerRunning: boolean | undefined): [string, string[]] {
  const j = 1 - i;
  const guard = [`s[${i}] == ${rule.from}`];
  if (rule.flag !== undefined) guard.push(`f[${i}] == ${rule.flag ? 1 : 0}`);
  for (const running of [eventPartnerRunning, rule.partnerRunning]) {
    if (running !== undefined) guard.push(running ? `fsm_running(s[${j}])` : `!fsm_running(s[${j}])`);
  }
  if (rule.link === 'ok') guard.push('fsm_link_ok');
  if (rule.link === 'up') guard.push(`net == 1 && (fsm_running(s[${j}]) || fsm_announced(s[${j}]))`);
  if (rule.link === 'down') guard.push('!fsm_link_ok');
  if (rule.partnerShowsMemory !== undefined) guard.push(rule.partnerShowsMemory ? `fsm_shows_memory(s[${j}])` : `!fsm_shows_memory(s[${j}])`);
  if (rule.partner) guard.push(inList(`fsm_shown(${j})`, rule.partner));
  const effect: string[] = [];
  if (rule.to === TO_MEMORY) {
    guard.push(`m[${i}] != 0`);
    effect.push(`s[${i}] = m[${i}] - 1`, `m[${i}] = (fsm_keeps(s[${i}]) -> ${recorded(model, rule.from, i)} : 0)`);
  } else {
    const target = model.states[rule.to];
    const memory = rule.setMemory >= 0 ? String(rule.setMemory + 1) : target?.memory ? recorded(model, rule.from, i) : '0';
    effect.push(`m[${i}] = ${memory}`, `s[${i}] = ${rule.to}`);
  }
  return [guard.map((g) => `(${g})`).join(' && '), effect];
}

/** The memory a server records when leaving `from`: its memory if `from` keeps one, else `from` after link loss. */
function recorded(model: Model, from: number, i: number): string {
  return model.states[from]?.memory ? `m[${i}]` : String((model.linkLost[from] as number) + 1);
}

function actionCode(event: Model['events'][number], server: RoleId | undefined): [string, string[]] {
  if (event.action === 'network-down') return ['net == 1', ['net = 0']];
  if (event.action === 'network-up') return ['net == 0', ['net = 1']];
  const i = server as RoleId;
  const j = 1 - i;
  const guard = [`fsm_running(s[${i}])`];
  if (event.partnerRunning !== undefined) guard.push(event.partnerRunning ? `fsm_running(s[${j}])` : `!fsm_running(s[${j}])`);
  const memory = event.haltMemory !== undefined ? String(event.haltMemory + 1) : `(fsm_keeps(s[${i}]) -> m[${i}] : fsm_link_lost(s[${i}]) + 1)`;
  return [guard.map((g) => `(${g})`).join(' && '), [`m[${i}] = ${memory}`, `s[${i}] = ${event.haltTo}`]];
}

function assertion(model: Model, check: PromelaCheck): string {
  if (check.kind === 'none') return 'skip';
  if (check.kind === 'invariant') {
    const never = model.spec.properties?.find((p) => p.name === check.property)?.never;
    if (!never) throw new Error(`internal: ${check.property} is not an invariant`);
    const inSet = (set: StateSet, x: string) => {
      const ids = model.states.filter((s) => (Array.isArray(set) ? set.includes(s.name) : s.serves === set.serves)).map((s) => `${x} == ${s.id}`);
      return ids.length ? `(${ids.join(' || ')})` : '0';
    };
    return `assert(!((${inSet(never.one, 's[0]')} && ${inSet(never.other, 's[1]')}) || (${inSet(never.one, 's[1]')} && ${inSet(never.other, 's[0]')})))`;
  }
  const goal = model.spec.pair?.goal ?? {};
  const g0 = model.stateByName.get(goal[model.roles[0]] ?? '');
  const g1 = model.stateByName.get(goal[model.roles[1]] ?? '');
  return `assert(!(fsm_link_ok && !(s[0] == ${g0} && s[1] == ${g1}) && !fsm_protocol_enabled))`;
}
