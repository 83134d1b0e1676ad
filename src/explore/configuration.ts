import type { Model } from '../model/model.js';
import type { ConfigurationSpec } from '../spec/spec-types.js';

/** A configuration resolved against the model: which events are switched on. */
export interface Configuration {
  name: string;
  description: string;
  /** enabled[e]: may event e happen (protocol events always may). */
  enabled: readonly boolean[];
  /** Whether any environment event is on (a pair with none may end in a state without steps). */
  hasEnvironment: boolean;
  spec?: ConfigurationSpec;
}

/** Resolves a declared configuration, or `undefined` when no such name exists. */
export function resolveConfiguration(model: Model, name: string): Configuration | undefined {
  const spec = model.spec.configurations?.find((c) => c.name === name);
  if (!spec) return undefined;
  const on = new Set(spec.steps);
  const enabled = model.events.map((e) => e.kind === 'protocol' || (e.kind === 'environment' && on.has(e.name)));
  return { name, description: spec.description, enabled, hasEnvironment: model.events.some((e) => e.kind === 'environment' && on.has(e.name)), spec };
}

/** Every declared configuration, in spec order. */
export function allConfigurations(model: Model): Configuration[] {
  return (model.spec.configurations ?? []).map((c) => resolveConfiguration(model, c.name) as Configuration);
}
