import type { Model, ModelEvent, ModelRule, RoleId } from './model.js';
import { NO_MEMORY } from './model.js';

/**
 * What one server knows when a rule is considered: its own role, state and
 * flag, the network, and the partner's actual state and memory.
 */
export interface GuardContext {
  role: RoleId;
  state: number;
  flag: boolean;
  networkUp: boolean;
  partnerState: number;
  partnerMemory: number;
}

/** The link is ok: network up and both servers running. */
export function linkOk(model: Model, ctx: GuardContext): boolean {
  return ctx.networkUp && isRunning(model, ctx.state) && isRunning(model, ctx.partnerState);
}

/** The partner's state can be seen: over an ok link, or announced before it stopped. */
export function partnerVisible(model: Model, ctx: GuardContext): boolean {
  const partner = model.states[ctx.partnerState];
  return ctx.networkUp && partner !== undefined && (partner.running || partner.announced);
}

/** The state the partner shows: its memory when its state shows memory (a state that shows its memory to the partner). */
export function shownState(model: Model, state: number, memory: number): number {
  return model.states[state]?.showsMemory && memory !== NO_MEMORY ? memory : state;
}

function isRunning(model: Model, state: number): boolean {
  return model.states[state]?.running ?? false;
}

/** Whether `rule` may fire under `event` in `ctx` (ignoring which events are switched on). */
export function ruleEnabled(model: Model, rule: ModelRule, event: ModelEvent, ctx: GuardContext): boolean {
  if (rule.from !== ctx.state) return false;
  if (rule.role !== undefined && rule.role !== ctx.role) return false;
  if (rule.flag !== undefined && rule.flag !== ctx.flag) return false;
  // The event (a careful operator, say) and the rule may each require the partner to run or not.
  // Two tests, not a loop over a literal array: this runs for every step tried, and the array would be garbage.
  if (event.partnerRunning !== undefined && isRunning(model, ctx.partnerState) !== event.partnerRunning) return false;
  if (rule.partnerRunning !== undefined && isRunning(model, ctx.partnerState) !== rule.partnerRunning) return false;
  switch (rule.link) {
    case 'ok':
      if (!linkOk(model, ctx)) return false;
      break;
    case 'up':
      if (!partnerVisible(model, ctx)) return false;
      break;
    case 'down':
      if (linkOk(model, ctx)) return false;
      break;
    case 'any':
      break;
  }
  const showsMemory = model.states[ctx.partnerState]?.showsMemory ?? false;
  if (rule.partnerShowsMemory !== undefined && rule.partnerShowsMemory !== showsMemory) return false;
  if (rule.partner && !rule.partner[shownState(model, ctx.partnerState, ctx.partnerMemory)]) return false;
  return true;
}
