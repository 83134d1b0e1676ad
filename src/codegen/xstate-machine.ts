import { type Model, NO_MEMORY, type RoleId, TO_MEMORY } from '../model/model.js';
import { rememberedStates } from '../model/remembered-states.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { bannerLines } from './banner.js';
import { tsStringLiteral } from './escape.js';

const q = (s: string) => tsStringLiteral(s);
const list = (names: readonly string[]) => `[${names.map(q).join(', ')}]`;

/**
 * An XState v5 machine per role (`generated/<name>.xstate.ts`): one state
 * node per state the role holds, one transition per rule (per remembered
 * state when the rule returns to the previous-state), the halt events and
 * the communications-failed transition, guards on the event's view of the
 * partner and the link, previous-state and flag in the context. An event
 * carries what a conformance vector's input carries.
 */
export function generateXStateMachine(model: Model, options: GenerateOptions): Artifact[] {
  const spec = model.spec;
  if (!spec.outputs?.enum) return [];
  const names = model.states.map((s) => s.name);
  const out: string[] = ['/*', ...bannerLines(options).map((l) => ` * ${l}`), ' */', ''];
  out.push("import { assign, setup } from 'xstate';", '');
  out.push(`/** The states of ${spec.title}. */`, `export type State = ${names.map(q).join(' | ')};`, '');
  out.push(`/** The events; each carries the view of the partner and the link a conformance vector's input carries. */`);
  out.push(`export type EventType = ${model.events.map((e) => q(e.name)).join(' | ')};`, '');
  out.push(
    'export interface MachineEvent {',
    '  type: EventType;',
    '  /** The state the partner shows: its previous-state while it is in a state that shows it. */',
    '  partner: State;',
    '  /** The partner is in a state that shows its previous-state (in the bundled spec, a restarting server). */',
    '  partnerStartup: boolean;',
    '  /** ok: network up and both running; up: network up only; down: network down. */',
    "  link: 'ok' | 'up' | 'down';",
    '  /** The partner is in, or stands for, a state the flag watches. */',
    '  watch: boolean;',
    '}',
    '',
    'export interface MachineContext {',
    '  /** The previous-state, or null where none is kept. */',
    '  previous: State | null;',
    '  flag: boolean;',
    '}',
    '',
  );
  const running = model.states.filter((s) => s.running).map((s) => s.name);
  const serves = model.states.filter((s) => s.serves).map((s) => s.name);
  const announced = model.states.filter((s) => s.announced).map((s) => s.name);
  const keeps = model.states.filter((s) => s.memory).map((s) => s.name);
  out.push(`const RUNNING: readonly State[] = ${list(running)};`);
  out.push(`const SERVES: readonly State[] = ${list(serves)};`);
  out.push(`const ANNOUNCED: readonly State[] = ${list(announced)};`);
  out.push(`const KEEPS_PREVIOUS: readonly State[] = ${list(keeps)};`);
  out.push(`const HAS_FLAG = ${model.hasFlag};`, '');
  out.push(
    "/** A rule's guard, as data. */",
    'interface Guard {',
    "  link: 'ok' | 'up' | 'down' | 'any';",
    '  partner?: readonly State[];',
    '  partnerShowsMemory?: boolean;',
    '  partnerRunning?: boolean;',
    '  flag?: boolean;',
    '  previous?: State;',
    '}',
    '',
    '/** The flag before a step: it follows the partner while this server stood still. */',
    'function flagNow(state: State, context: MachineContext, event: MachineEvent): boolean {',
    '  return HAS_FLAG && event.watch && (context.flag || SERVES.includes(state));',
    '}',
    '',
    'function enabled(state: State, g: Guard, context: MachineContext, event: MachineEvent): boolean {',
    '  const partnerRuns = event.partnerStartup || RUNNING.includes(event.partner);',
    "  const ok = event.link === 'ok';",
    "  if (g.link === 'ok' && !ok) return false;",
    "  if (g.link === 'up' && !(event.link !== 'down' && (partnerRuns || (!event.partnerStartup && ANNOUNCED.includes(event.partner))))) return false;",
    "  if (g.link === 'down' && ok) return false;",
    '  if (g.partnerRunning !== undefined && g.partnerRunning !== partnerRuns) return false;',
    '  if (g.partnerShowsMemory !== undefined && g.partnerShowsMemory !== event.partnerStartup) return false;',
    '  if (g.partner && !g.partner.includes(event.partner)) return false;',
    '  if (g.flag !== undefined && g.flag !== flagNow(state, context, event)) return false;',
    '  if (g.previous !== undefined && g.previous !== context.previous) return false;',
    '  return true;',
    '}',
    '',
    '/** The context after moving from `from` to `to`, `previous` being what the target keeps. */',
    'function after(from: State, to: State, previous: State | null, context: MachineContext, event: MachineEvent): MachineContext {',
    '  const flag = HAS_FLAG && event.watch && (flagNow(from, context, event) || SERVES.includes(to));',
    '  return { previous: KEEPS_PREVIOUS.includes(to) ? previous : null, flag };',
    '}',
    '',
  );
  for (const role of [0, 1] as RoleId[]) out.push(...roleMachine(model, role, spec.name));
  return [{ path: `${spec.name}.xstate.ts`, contents: out.join('\n') }];
}

function roleMachine(model: Model, role: RoleId, specName: string): string[] {
  const roleName = model.roles[role];
  const ident = `${roleName.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}Machine`;
  const remembered = rememberedStates(model)
    .filter((s) => model.states[s]?.roles[role])
    .map((s) => model.states[s]?.name as string);
  const lines: string[] = [];
  lines.push(`/** The ${roleName}'s machine. Start elsewhere with \`machine.resolveState({ value, context })\`. */`);
  lines.push(`export const ${ident} = setup({`);
  lines.push('  types: { context: {} as MachineContext, events: {} as MachineEvent },');
  lines.push('}).createMachine({');
  lines.push(`  id: ${q(`${specName}-${roleName}`)},`);
  const initial = model.spec.pair?.initial.state ?? model.states.find((s) => s.roles[role])?.name;
  lines.push(`  initial: ${q(initial as string)},`);
  lines.push('  context: { previous: null, flag: false },');
  lines.push('  states: {');
  for (const state of model.states) {
    if (!state.roles[role]) continue;
    const from = state.name;
    const byEvent = new Map<string, string[]>();
    const push = (event: string, t: string) => byEvent.set(event, [...(byEvent.get(event) ?? []), t]);
    for (const rule of model.rules) {
      if (rule.from !== state.id || (rule.role !== undefined && rule.role !== role)) continue;
      for (const e of rule.events) {
        const event = model.events[e];
        if (!event) continue;
        const guard: string[] = [`link: ${q(event.kind === 'link-lost' ? 'any' : rule.link)}`];
        if (rule.partner) guard.push(`partner: ${list(model.states.filter((_, i) => rule.partner?.[i]).map((s) => s.name))}`);
        if (rule.partnerShowsMemory !== undefined) guard.push(`partnerShowsMemory: ${rule.partnerShowsMemory}`);
        const pr = event.partnerRunning ?? rule.partnerRunning;
        if (pr !== undefined) guard.push(`partnerRunning: ${pr}`);
        if (rule.flag !== undefined) guard.push(`flag: ${rule.flag}`);
        const comment = `/* ${rule.id} */`;
        if (event.kind === 'link-lost' && !state.running) continue;
        if (rule.stay) {
          push(
            event.name,
            `${comment} { guard: ({ context, event }) => enabled(${q(from)}, { ${guard.join(', ')} }, context, event), actions: assign(({ context, event }) => after(${q(from)}, ${q(from)}, context.previous, context, event)) }`,
          );
          continue;
        }
        const targets = rule.to === TO_MEMORY ? remembered : [model.states[rule.to]?.name as string];
        for (const to of targets) {
          if (!model.states[model.stateByName.get(to) as number]?.roles[role]) continue;
          const g = rule.to === TO_MEMORY ? [...guard, `previous: ${q(to)}`] : guard;
          const previous = rule.setMemory !== NO_MEMORY ? q(model.states[rule.setMemory]?.name as string) : state.memory ? 'context.previous' : 'null';
          const target = to === from ? '' : `target: ${q(to)}, `;
          push(
            event.name,
            `${comment} { ${target}guard: ({ context, event }) => enabled(${q(from)}, { ${g.join(', ')} }, context, event), actions: assign(({ context, event }) => after(${q(from)}, ${q(to)}, ${previous}, context, event)) }`,
          );
        }
      }
    }
    if (state.running) {
      for (const event of model.events) {
        if (event.action !== 'halt' || event.haltTo === undefined) continue;
        const to = model.states[event.haltTo]?.name as string;
        // A halt into a state that keeps no memory remembers nothing (NO_MEMORY).
        const recorded =
          event.haltMemory === NO_MEMORY
            ? 'null'
            : event.haltMemory !== undefined
              ? q(model.states[event.haltMemory]?.name as string)
              : state.memory
                ? 'context.previous'
                : q(model.states[model.linkLost[state.id] as number]?.name as string);
        const guard =
          event.partnerRunning === undefined
            ? ''
            : `guard: ({ context, event }) => enabled(${q(from)}, { link: 'any', partnerRunning: ${event.partnerRunning} }, context, event), `;
        push(event.name, `{ target: ${q(to)}, ${guard}actions: assign(({ context, event }) => after(${q(from)}, ${q(to)}, ${recorded}, context, event)) }`);
      }
    }
    // Anything else changes nothing but the flag.
    push('*', `{ actions: assign(({ context, event }) => after(${q(from)}, ${q(from)}, context.previous, context, event)) }`);
    lines.push(`    ${from}: {`, '      on: {');
    for (const [event, ts] of byEvent) lines.push(`        ${q(event)}: [`, ...ts.map((t) => `          ${t},`), '        ],');
    lines.push('      },', '    },');
  }
  lines.push('  },', '});', '');
  return lines;
}
