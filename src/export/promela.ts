import type { Configuration } from '../explore/configuration.js';
import { sharedStepGroups, stepTable } from '../explore/steps.js';
import type { Model, ModelRule, RoleId } from '../model/model.js';
import { TO_MEMORY } from '../model/model.js';
import type { StateSet } from '../spec/spec-types.js';

/** Which property the generated model asserts after every step (SPIN stops at the first violation). */
export type PromelaCheck = { kind: 'none' } | { kind: 'invariant'; property: string } | { kind: 'no-stuck' };

export interface PromelaOptions {
  check: PromelaCheck;
  /** Banner lines (source and regeneration). */
  banner: readonly string[];
  /** Relationships between the two hosts. @default 1 */
  relationships?: number;
}

/**
 * Writes the model of one configuration as Promela, so that SPIN explores
 * the same system as fsmkit's explorers: one process whose do-loop offers
 * every step as one indivisible d_step (guard, effect, link-lost transition,
 * flag update). With K relationships, server i of relationship r is slot
 * 2r + i of the arrays; a relationship step is offered once per relationship,
 * a host or network step once, acting on every relationship where it is
 * enabled. SPIN gets no symmetry reduction, so its counts are the full ones.
 * Encoding: a state is its index in the spec, a memory is index + 1 (0 for none).
 */
export function generatePromela(model: Model, config: Configuration, options: PromelaOptions): string {
  const out: string[] = options.banner.map((l) => `/* ${l.replace(/\*\//g, '* /')} */`);
  const pair = model.spec.pair;
  if (!pair) throw new Error('internal: generatePromela needs `pair`');
  const k = options.relationships ?? 1;
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
  const relationships = Array.from({ length: k }, (_, r) => r);
  const steps = stepTable(model, config);
  const label = (step: (typeof steps)[number], r?: number) => {
    const event = model.events[step.event] as Model['events'][number];
    const who = step.server === undefined ? 'network' : `${r === undefined ? '' : k > 1 ? `r${r + 1} ` : ''}${model.roles[step.server]}`;
    return step.rule && r !== undefined
      ? `${who}: ${step.rule.id} on ${event.name}`
      : `${who}${r === undefined && step.server !== undefined ? ' host' : ''}: ${event.name}`;
  };
  // Guard and effect of a pair step on relationship r.
  const code = (step: (typeof steps)[number], r: number): [string, string[]] => {
    const event = model.events[step.event] as Model['events'][number];
    return step.rule ? ruleCode(model, step.rule, r, step.server as RoleId, event.partnerRunning) : actionCode(event, r, step.server);
  };
  type Offered = { label: string; guard: string; effect: string[]; touches: number[] };
  const offered: Offered[] = [];
  const protocolGuards: string[][] = relationships.map(() => []);
  for (const step of steps) {
    const scope = model.events[step.event]?.scope;
    if (scope !== 'relationship') continue;
    for (const r of relationships) {
      const [guard, effect] = code(step, r);
      offered.push({ label: label(step, r), guard, effect, touches: [r] });
      if (step.protocol) protocolGuards[r]?.push(`(${guard})`);
    }
  }
  // Host and network events: one step, every relationship where one of its pair steps is enabled.
  for (const group of sharedStepGroups(model, steps)) {
    const first = group[0] as (typeof steps)[number];
    if (first.server === undefined) {
      const [guard, effect] = code(first, 0);
      offered.push({ label: label(first), guard, effect, touches: relationships });
      continue;
    }
    const perRelationship = relationships.map((r) => group.map((step) => code(step, r)));
    const guard = perRelationship.flatMap((options) => options.map(([g]) => `(${g})`)).join(' || ');
    const effect = perRelationship.map((options) => `if ${options.map(([g, e]) => `:: (${g}) -> ${e.join('; ')}`).join(' ')} :: else -> skip fi`);
    offered.push({ label: label(first), guard, effect, touches: relationships });
  }
  out.push(
    '',
    `#define fsm_running(x) ${setOf((i) => state(i).running, 'x')}`,
    `#define fsm_announced(x) ${setOf((i) => state(i).announced, 'x')}`,
    `#define fsm_keeps(x) ${setOf((i) => state(i).memory, 'x')}`,
    `#define fsm_shows_memory(x) ${setOf((i) => state(i).showsMemory, 'x')}`,
    `#define fsm_serves(x) ${setOf((i) => state(i).serves, 'x')}`,
    `#define fsm_watched(x) ${setOf((i) => model.flagWatch[i] ?? false, 'x')}`,
    `#define fsm_link_lost(x) ${linkLostExpr(model)}`,
    '/* the link of the relationship whose servers are slots a and b */',
    '#define fsm_link_ok(a, b) (net == 1 && fsm_running(s[a]) && fsm_running(s[b]))',
    '/* what server j shows its partner: its memory in a state that shows memory */',
    '#define fsm_shown(j) ((fsm_shows_memory(s[j]) && m[j] != 0) -> m[j] - 1 : s[j])',
    '/* the state server j stands for (for the flag): its memory in a state that keeps one */',
    '#define fsm_stands(j) (fsm_keeps(s[j]) -> (m[j] == 0 -> -1 : m[j] - 1) : s[j])',
    ...relationships.map((r) => `#define fsm_protocol_enabled_${r} (${protocolGuards[r]?.join(' || ') || '0'})`),
    '',
    `short s[${2 * k}] = ${initial};`,
    `short m[${2 * k}] = 0;`,
    `bit f[${2 * k}] = 0;`,
    `bit net = ${pair.initial.network === 'up' ? 1 : 0};`,
    `bit ok[${k}];`,
    '/* which server of a relationship halted in this step: 0 none, 1 its first slot, 2 its second */',
    `byte halted[${k}];`,
    '',
  );
  for (const r of relationships) {
    const [a, b] = [2 * r, 2 * r + 1];
    out.push(
      `inline finish_${r}() {`,
      '  if',
      '  /* a halt (crash, pause, shutdown) ends the connection even when the server is running again at once */',
      `  :: (ok[${r}] && (!fsm_link_ok(${a}, ${b}) || halted[${r}] != 0)) ->`,
      `     if :: (fsm_running(s[${a}]) && halted[${r}] != 1) -> s[${a}] = fsm_link_lost(s[${a}]) :: else -> skip fi;`,
      `     if :: (fsm_running(s[${b}]) && halted[${r}] != 2) -> s[${b}] = fsm_link_lost(s[${b}]) :: else -> skip fi`,
      '  :: else -> skip',
      '  fi;',
      `  ok[${r}] = 0; halted[${r}] = 0; /* scratch only: must not tell states apart */`,
      ...([a, b] as const).map((x) => {
        const y = x === a ? b : a;
        return `  f[${x}] = ((fsm_stands(${y}) != -1 && fsm_watched(fsm_stands(${y})) && (f[${x}] == 1 || fsm_serves(s[${x}]))) -> 1 : 0);`;
      }),
      '}',
      '',
    );
  }
  out.push('inline check() {', `  ${assertion(model, options.check, k)}`, '}', '', 'active proctype pair() {', '  do');
  for (const { label: text, guard, effect, touches } of offered) {
    out.push(
      `  :: d_step { /* ${text.replace(/\*\//g, '* /')} */`,
      `       ${guard} -> ${touches.map((r) => `ok[${r}] = fsm_link_ok(${2 * r}, ${2 * r + 1})`).join('; ')};`,
      ...effect.map((e) => `       ${e};`),
      ...touches.map((r) => `       finish_${r}();`),
      '       check()',
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

/** Guard and effect of `rule` for role `role` of relationship r (slots 2r + role and its partner). */
function ruleCode(model: Model, rule: ModelRule, r: number, role: RoleId, eventPartnerRunning: boolean | undefined): [string, string[]] {
  const i = 2 * r + role;
  const j = 2 * r + 1 - role;
  const guard = [`s[${i}] == ${rule.from}`];
  if (rule.flag !== undefined) guard.push(`f[${i}] == ${rule.flag ? 1 : 0}`);
  for (const running of [eventPartnerRunning, rule.partnerRunning]) {
    if (running !== undefined) guard.push(running ? `fsm_running(s[${j}])` : `!fsm_running(s[${j}])`);
  }
  if (rule.link === 'ok') guard.push(`fsm_link_ok(${2 * r}, ${2 * r + 1})`);
  if (rule.link === 'up') guard.push(`net == 1 && (fsm_running(s[${j}]) || fsm_announced(s[${j}]))`);
  if (rule.link === 'down') guard.push(`!fsm_link_ok(${2 * r}, ${2 * r + 1})`);
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

function actionCode(event: Model['events'][number], r: number, server: RoleId | undefined): [string, string[]] {
  if (event.action === 'network-down') return ['net == 1', ['net = 0']];
  if (event.action === 'network-up') return ['net == 0', ['net = 1']];
  const i = 2 * r + (server as RoleId);
  const j = 2 * r + 1 - (server as RoleId);
  const guard = [`fsm_running(s[${i}])`];
  if (event.partnerRunning !== undefined) guard.push(event.partnerRunning ? `fsm_running(s[${j}])` : `!fsm_running(s[${j}])`);
  const memory = event.haltMemory !== undefined ? String(event.haltMemory + 1) : `(fsm_keeps(s[${i}]) -> m[${i}] : fsm_link_lost(s[${i}]) + 1)`;
  return [guard.map((g) => `(${g})`).join(' && '), [`m[${i}] = ${memory}`, `s[${i}] = ${event.haltTo}`, `halted[${r}] = ${(server as RoleId) + 1}`]];
}

function assertion(model: Model, check: PromelaCheck, k: number): string {
  const each = (one: (a: number, b: number, r: number) => string) => Array.from({ length: k }, (_, r) => one(2 * r, 2 * r + 1, r)).join(' || ');
  if (check.kind === 'none') return 'skip';
  if (check.kind === 'invariant') {
    const never = model.spec.properties?.find((p) => p.name === check.property)?.never;
    if (!never) throw new Error(`internal: ${check.property} is not an invariant`);
    const inSet = (set: StateSet, x: string) => {
      const ids = model.states.filter((s) => (Array.isArray(set) ? set.includes(s.name) : s.serves === set.serves)).map((s) => `${x} == ${s.id}`);
      return ids.length ? `(${ids.join(' || ')})` : '0';
    };
    return `assert(!(${each((a, b) => `(${inSet(never.one, `s[${a}]`)} && ${inSet(never.other, `s[${b}]`)}) || (${inSet(never.one, `s[${b}]`)} && ${inSet(never.other, `s[${a}]`)})`)}))`;
  }
  const goal = model.spec.pair?.goal ?? {};
  const g0 = model.stateByName.get(goal[model.roles[0]] ?? '');
  const g1 = model.stateByName.get(goal[model.roles[1]] ?? '');
  return `assert(!(${each((a, b, r) => `(fsm_link_ok(${a}, ${b}) && !(s[${a}] == ${g0} && s[${b}] == ${g1}) && !fsm_protocol_enabled_${r})`)}))`;
}
