import type { Reporter } from '../spec/reporter.js';
import { type GuardContext, ruleEnabled, shownState } from './guard.js';
import { type Model, type ModelRule, NO_MEMORY, type RoleId } from './model.js';
import { rememberedStates } from './remembered-states.js';

/**
 * Checks what the rules do, by trying each rule in every situation a server
 * can be in (own state, role, flag, network, partner state and memory):
 * rules that can never fire, two rules that fire together with different
 * effects, and states with no way out.
 */
export function checkBehaviour(model: Model, report: Reporter): void {
  const fired = new Set<number>();
  const conflicts = new Map<string, { a: ModelRule; b: ModelRule; ctx: GuardContext; event: number }>();
  // Per rule, the situations (with event) it fires in; per pair of rules with one effect, those they share.
  const firings: number[] = [];
  const together = new Map<string, number>();

  // Rules indexed by the state they leave: each situation only tries its own.
  const leaving = model.states.map((state) => model.rules.filter((r) => r.from === state.id));
  for (const ctx of situations(model)) {
    const candidates = leaving[ctx.state] ?? [];
    for (const event of model.events) {
      const enabled = candidates.filter((r) => r.events.includes(event.id) && ruleEnabled(model, r, event, ctx));
      for (const r of enabled) {
        fired.add(r.index);
        firings[r.index] = (firings[r.index] ?? 0) + 1;
      }
      for (let i = 0; i < enabled.length; i++) {
        for (let j = i + 1; j < enabled.length; j++) {
          const a = enabled[i] as ModelRule;
          const b = enabled[j] as ModelRule;
          if (a.to === b.to && a.setMemory === b.setMemory) {
            const key = `${a.index}:${b.index}`;
            together.set(key, (together.get(key) ?? 0) + 1);
            continue;
          }
          const key = `${a.index}:${b.index}`;
          if (!conflicts.has(key)) conflicts.set(key, { a, b, ctx, event: event.id });
        }
      }
    }
  }

  for (const { a, b, ctx, event } of conflicts.values()) {
    const role = model.roles[ctx.role];
    const partner = model.states[shownState(model, ctx.partnerState, ctx.partnerMemory)]?.name;
    const actual = model.states[ctx.partnerState]?.name;
    const shows = partner === actual ? `${partner}` : `${actual} showing ${partner}`;
    report.error(
      'CONFLICTING_RULES',
      ['rules', b.index],
      `rules ${a.id} and ${b.id} both fire on ${model.events[event]?.name} for the ${role} in ${model.states[ctx.state]?.name} (partner ${shows}, network ${ctx.networkUp ? 'up' : 'down'}) but go to different places`,
      'narrow the partner guard, role, flag or link condition of one of them so they cannot both apply',
      [report.place(['rules', a.index], `${a.id} is here`)],
    );
  }
  reportRepeats(model, report, firings, together);
  for (const rule of model.rules) {
    if (!fired.has(rule.index)) {
      report.error(
        'UNSATISFIABLE_RULE',
        ['rules', rule.index],
        `rule ${rule.id} can never fire: no situation meets its role, link, partner and flag conditions together`,
        'check the link condition against the partner guard (a partner that is not running is only seen with `link: up` when it announced its state)',
      );
    }
  }
  checkWaysOut(model, report);
}

/**
 * A rule repeats another when it fires only where the other fires too, with
 * the same effect: it adds nothing but a second id to keep in step. Of two
 * rules that fire in exactly the same situations, the later one is reported.
 */
function reportRepeats(model: Model, report: Reporter, firings: readonly number[], together: ReadonlyMap<string, number>): void {
  const reported = new Set<number>();
  for (const [key, shared] of together) {
    const [ai, bi] = key.split(':').map(Number) as [number, number];
    const a = model.rules[ai] as ModelRule;
    const b = model.rules[bi] as ModelRule;
    // The one whose every firing is shared repeats the other; b (declared later) when both are.
    const repeat = shared === firings[bi] ? b : shared === firings[ai] ? a : undefined;
    if (!repeat || reported.has(repeat.index)) continue;
    const other = repeat === a ? b : a;
    reported.add(repeat.index);
    report.error(
      'DUPLICATE_RULE',
      ['rules', repeat.index],
      `rule ${repeat.id} repeats rule ${other.id}: wherever ${repeat.id} fires, ${other.id} fires too and does the same`,
      `remove ${repeat.id} (move anything worth keeping from its description into ${other.id}), or change its guard or target if it was meant to differ`,
      [report.place(['rules', other.index], `${other.id} is here`)],
    );
  }
}

function checkWaysOut(model: Model, report: Reporter): void {
  for (const state of model.states) {
    if (state.final || !state.roles.some(Boolean)) continue;
    const leaves = model.rules.some((r) => r.from === state.id && r.to !== state.id);
    if (!leaves) {
      report.error(
        'NO_WAY_OUT',
        ['states', state.id, 'name'],
        `state ${state.name} has no rule leading out of it`,
        `add a rule from ${state.name}, or mark it \`final: true\` if staying there forever is intended`,
      );
    }
  }
}

/** Every situation one server can be in, as far as guards can tell apart. */
function* situations(model: Model): Generator<GuardContext> {
  const memories = [NO_MEMORY, ...rememberedStates(model)];
  for (const state of model.states) {
    for (const role of [0, 1] as RoleId[]) {
      if (!state.roles[role]) continue;
      const other = (1 - role) as RoleId;
      for (const partner of model.states) {
        if (!partner.roles[other]) continue;
        for (const partnerMemory of partner.memory ? memories : [NO_MEMORY]) {
          for (const flag of model.hasFlag ? [false, true] : [false]) {
            for (const networkUp of [true, false]) {
              yield { role, state: state.id, flag, networkUp, partnerState: partner.id, partnerMemory };
            }
          }
        }
      }
    }
  }
}
