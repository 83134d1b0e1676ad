import { type GuardContext, linkOk, ruleEnabled } from '../model/guard.js';
import { type Model, type ModelRule, NO_MEMORY, type RoleId, TO_MEMORY } from '../model/model.js';
import { recordedMemory } from '../model/remembered-states.js';

/** One server on its own: its state, its memory (NO_MEMORY when none) and its flag. */
export interface Endpoint {
  state: number;
  memory: number;
  flag: boolean;
}

/**
 * What one server is told in one step: the event, and how its partner and
 * the network stand while it happens. The partner is given as its actual
 * state and memory; `shown` and `link` below derive what the server sees.
 */
export interface EndpointInput {
  event: number;
  networkUp: boolean;
  partnerState: number;
  /** The partner's memory when its state shows it (a restarting partner), else NO_MEMORY. */
  partnerMemory: number;
  /** The partner is in, or stands for, a state the flag watches (the flag is live). */
  watch: boolean;
}

/** What a step does to a server: where it ends and which rule moved it (or kept it, for a "nothing happens" rule). */
export interface EndpointStep {
  next: Endpoint;
  /** The rule that fired, if any; undefined for a halt or when nothing applies. */
  rule?: ModelRule;
}

/** The link as the server sees it: ok (both running, network up), up (network up only) or down. */
export type LinkView = 'ok' | 'up' | 'down';

/** The guard context of a server of `role` in `server` under `input`. */
export function guardContext(role: RoleId, server: Endpoint, input: EndpointInput): GuardContext {
  return {
    role,
    state: server.state,
    flag: server.flag,
    networkUp: input.networkUp,
    partnerState: input.partnerState,
    partnerMemory: input.partnerMemory,
  };
}

/** The link the server of `server` sees under `input`. */
export function linkView(model: Model, role: RoleId, server: Endpoint, input: EndpointInput): LinkView {
  if (!input.networkUp) return 'down';
  return linkOk(model, guardContext(role, server, input)) ? 'ok' : 'up';
}

/**
 * One step of one server, following the paired model seen from that server
 * alone: a rule of its role enabled under the event fires (the first in
 * rule order; a checked spec has at most one that moves); a halt event
 * stops a running server, recording its memory; the link-lost event (the
 * connection ended: the network failed or the partner halted) applies the
 * communications-failed transition of a running server. Before and after
 * the move, the flag is live only while `input.watch`, and set by serving
 * then (the partner may have moved while this server stood still).
 */
export function stepEndpoint(model: Model, role: RoleId, server: Endpoint, input: EndpointInput): EndpointStep {
  const event = model.events[input.event];
  if (!event) throw new Error(`internal: unknown event ${input.event}`);
  // The flag follows the partner before the step too: it may have changed while this server stood still.
  server = { ...server, flag: flagAfter(model, server.flag, server.state, input.watch) };
  const running = model.states[server.state]?.running ?? false;
  let next: Endpoint = { ...server };
  let fired: ModelRule | undefined;
  if (event.kind === 'link-lost') {
    if (running) {
      next.state = model.linkLost[server.state] as number;
      fired = model.rules.find((r) => r.from === server.state && r.events.includes(event.id));
    }
  } else if (event.action === 'halt') {
    const partnerRuns = model.states[input.partnerState]?.running ?? false;
    if (running && (event.partnerRunning === undefined || event.partnerRunning === partnerRuns)) {
      next = { state: event.haltTo as number, memory: event.haltMemory ?? recordedMemory(model, server.state, server.memory), flag: server.flag };
    }
  } else {
    const ctx = guardContext(role, server, input);
    let stay: ModelRule | undefined;
    for (const rule of model.rules) {
      if (rule.from !== server.state || !rule.events.includes(event.id)) continue;
      if (!ruleEnabled(model, rule, event, ctx)) continue;
      if (rule.stay) {
        stay ??= rule;
        continue;
      }
      const to = rule.to === TO_MEMORY ? server.memory : rule.to;
      if (to === NO_MEMORY) continue;
      next.state = to;
      next.memory = memoryAfter(model, server, to, rule.setMemory);
      fired = rule;
      break;
    }
    fired ??= stay;
  }
  next.flag = flagAfter(model, next.flag, next.state, input.watch);
  return fired ? { next, rule: fired } : { next };
}

/** The flag is live only while the partner is (or stands for) a watched state, and set by serving then. */
function flagAfter(model: Model, flag: boolean, state: number, watch: boolean): boolean {
  return model.hasFlag && watch && (flag || (model.states[state]?.serves ?? false));
}

function memoryAfter(model: Model, server: Endpoint, to: number, setMemory: number): number {
  if (setMemory !== NO_MEMORY) return setMemory;
  if (!model.states[to]?.memory) return NO_MEMORY;
  return recordedMemory(model, server.state, server.memory);
}

/** Two endpoints are the same. */
export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.state === b.state && a.memory === b.memory && a.flag === b.flag;
}
