import type { Spec } from '../spec/spec-types.js';
import { eventScope, MEMORY_TARGET } from '../spec/spec-types.js';
import { type Model, type ModelEvent, type ModelRule, type ModelState, NO_MEMORY, type RoleId, type StateId, TO_MEMORY } from './model.js';

/**
 * Compiles a spec that passed `checkSpec` into indexed form. Every default
 * of the spec format is filled in here, once: the engine and the generators
 * read the model, not the raw spec's optional fields.
 * @throws Error starting "internal:" when given a spec that did not pass.
 */
export function compileModel(spec: Spec): Model {
  const roles = spec.roles.map((r) => r.name);
  if (roles.length !== 2) throw new Error('internal: compileModel needs exactly two roles');
  const roleIndex = new Map(roles.map((r, i) => [r, i as RoleId]));
  const stateByName = new Map(spec.states.map((s, i) => [s.name, i as StateId]));
  const stateId = (name: string): StateId => {
    const id = stateByName.get(name);
    if (id === undefined) throw new Error(`internal: unknown state ${name} reached compileModel`);
    return id;
  };
  const serves = new Map(spec.services.map((s) => [s.name, s.serves]));

  const states: ModelState[] = spec.states.map((s, i) => ({
    id: i as StateId,
    name: s.name,
    roles: roles.map((r) => s.roles.includes(r)),
    running: s.running ?? true,
    memory: s.memory ?? false,
    showsMemory: s.shows === 'memory',
    announced: s.announced ?? false,
    serves: serves.get(s.service) ?? false,
    final: s.final ?? false,
  }));

  const events: ModelEvent[] = spec.events.map((e, i) => {
    const event: ModelEvent = { id: i, name: e.name, kind: e.kind, healing: e.kind === 'protocol' || (e.healing ?? false), scope: eventScope(e) };
    if (e.action) event.action = e.action;
    if (e.to) event.haltTo = stateId(e.to);
    if (e.memory && e.memory !== 'recorded') event.haltMemory = stateId(e.memory);
    // No `memory` and a target that keeps none: the halted server remembers nothing.
    else if (e.memory === undefined && e.to && !spec.states.find((s) => s.name === e.to)?.memory) event.haltMemory = NO_MEMORY as StateId;
    if (e.partner_running !== undefined) event.partnerRunning = e.partner_running;
    return event;
  });
  const eventByName = new Map(events.map((e) => [e.name, e.id]));

  const rules: ModelRule[] = spec.rules.map((r, index) => {
    const from = stateId(r.from);
    const to = r.to === MEMORY_TARGET ? TO_MEMORY : stateId(r.to);
    const rule: ModelRule = {
      index,
      id: r.id,
      from,
      to,
      events: (Array.isArray(r.on) ? r.on : [r.on]).map((name) => {
        const id = eventByName.get(name);
        if (id === undefined) throw new Error(`internal: unknown event ${name} reached compileModel`);
        return id;
      }),
      link: r.link ?? 'ok',
      setMemory: r.set_memory ? stateId(r.set_memory) : NO_MEMORY,
      stay: to === from && r.set_memory === undefined,
    };
    if (r.role !== undefined) rule.role = roleIndex.get(r.role) as RoleId;
    if (r.partner !== undefined) {
      const listed = new Set(Array.isArray(r.partner) ? r.partner : r.partner.except);
      const except = !Array.isArray(r.partner);
      rule.partner = spec.states.map((s) => listed.has(s.name) !== except);
    }
    if (r.partner_shows_memory !== undefined) rule.partnerShowsMemory = r.partner_shows_memory;
    if (r.partner_running !== undefined) rule.partnerRunning = r.partner_running;
    if (r.flag !== undefined) rule.flag = r.flag === 'set';
    return rule;
  });

  const linkLost = states.map((s) => s.id);
  for (const rule of rules) {
    if (rule.events.some((e) => events[e]?.kind === 'link-lost') && rule.to !== TO_MEMORY) {
      linkLost[rule.from] = rule.to as StateId;
    }
  }
  const watched = new Set(spec.flag?.watch ?? []);
  return {
    spec,
    roles: [roles[0] as string, roles[1] as string],
    states,
    stateByName,
    events,
    eventByName,
    rules,
    linkLost,
    flagWatch: spec.states.map((s) => watched.has(s.name)),
    hasFlag: spec.flag !== undefined,
    shapes: (spec.configurations ?? []).map((c) => ({ relationships: c.relationships ?? 1, symmetry: c.symmetry ?? true })),
  };
}
