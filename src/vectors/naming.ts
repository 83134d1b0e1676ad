import { type Model, NO_MEMORY, type RoleId } from '../model/model.js';
import type { Endpoint, EndpointInput } from './endpoint.js';
import { linkView } from './endpoint.js';
import type { VectorInput, VectorServer } from './vector-types.js';

/** What turning indexes into names needs. */
export interface Named {
  model: Model;
}

function stateName(model: Model, id: number): string {
  const name = model.states[id]?.name;
  if (name === undefined) throw new Error(`internal: no state ${id}`);
  return name;
}

/** A server by name. */
export function namedServer({ model }: Named, server: Endpoint): VectorServer {
  return { state: stateName(model, server.state), previous: server.memory === NO_MEMORY ? null : stateName(model, server.memory), flag: server.flag };
}

/** An input by name, as the server of `role` in `server` sees it. */
export function namedInput({ model }: Named, role: RoleId, server: Endpoint, input: EndpointInput): VectorInput {
  const startup = (model.states[input.partnerState]?.showsMemory ?? false) && input.partnerMemory !== NO_MEMORY;
  return {
    event: model.events[input.event]?.name ?? '',
    partner: stateName(model, startup ? input.partnerMemory : input.partnerState),
    partnerStartup: startup,
    link: linkView(model, role, server, input),
    watch: input.watch,
  };
}

/** The section a rule cites, or null. */
export function ruleRef(model: Model, ruleIndex: number): string | null {
  return model.spec.rules[ruleIndex]?.ref ?? null;
}

/** The section an event cites, or null. */
export function eventRef(model: Model, eventId: number): string | null {
  return model.spec.events[eventId]?.ref ?? null;
}
