import type { Model, ModelRule, RoleId } from '../model/model.js';
import type { Configuration } from './configuration.js';

/**
 * One kind of step the pair can take: a rule of one server under one event,
 * or an event's built-in action (on one server, or on the network).
 */
export interface Step {
  id: number;
  /** The server that moves; undefined for the network. */
  server?: RoleId;
  event: number;
  rule?: ModelRule;
  /** Counts as healing for recoverability. */
  healing: boolean;
  /** A protocol step (the machine itself moves), as opposed to the environment. */
  protocol: boolean;
}

/**
 * The steps of network and host events, grouped by event and host: with
 * several relationships each group is one step that moves every
 * relationship where one of its pair steps is enabled (a host event with
 * rules, like a restart, has one pair step per rule).
 */
export function sharedStepGroups(model: Model, steps: readonly Step[]): Step[][] {
  const groups = new Map<string, Step[]>();
  for (const step of steps) {
    if (model.events[step.event]?.scope === 'relationship') continue;
    const group = `${step.server ?? 'network'}:${step.event}`;
    groups.set(group, [...(groups.get(group) ?? []), step]);
  }
  return [...groups.values()];
}

/**
 * The steps a configuration allows, numbered; a trace records step ids.
 * Link-lost rules are not steps: the explorer applies them inside the step
 * that breaks the link.
 */
export function stepTable(model: Model, config: Configuration): Step[] {
  const steps: Step[] = [];
  // Every step built with the same fields in the same order (no spread): the pair stepper reads them for every step tried.
  const add = (server: RoleId | undefined, event: number, rule: ModelRule | undefined, healing: boolean, protocol: boolean) =>
    steps.push({ id: steps.length, server, event, rule, healing, protocol });
  for (const server of [0, 1] as RoleId[]) {
    for (const rule of model.rules) {
      if (rule.stay) continue;
      for (const eventId of rule.events) {
        const event = model.events[eventId];
        if (!event || !config.enabled[eventId] || event.kind === 'link-lost') continue;
        if (rule.role !== undefined && rule.role !== server) continue;
        if (!model.states[rule.from]?.roles[server]) continue;
        add(server, eventId, rule, event.healing, event.kind === 'protocol');
      }
    }
    for (const event of model.events) {
      if (event.action === 'halt' && config.enabled[event.id]) add(server, event.id, undefined, event.healing, false);
    }
  }
  for (const event of model.events) {
    if ((event.action === 'network-down' || event.action === 'network-up') && config.enabled[event.id]) {
      add(undefined, event.id, undefined, event.healing, false);
    }
  }
  return steps;
}
