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
  /** How many relationships it runs, and whether their order counts (from the model, defaults filled). */
  shape: { relationships: number; symmetry: boolean };
  spec?: ConfigurationSpec;
}

/** Resolves a declared configuration, or `undefined` when no such name exists. */
export function resolveConfiguration(model: Model, name: string): Configuration | undefined {
  const index = model.spec.configurations?.findIndex((c) => c.name === name) ?? -1;
  const spec = model.spec.configurations?.[index];
  const shape = model.shapes[index];
  if (!spec || !shape) return undefined;
  const on = new Set(spec.steps);
  const enabled = model.events.map((e) => e.kind === 'protocol' || (e.kind === 'environment' && on.has(e.name)));
  const hasEnvironment = model.events.some((e) => e.kind === 'environment' && on.has(e.name));
  return { name, description: spec.description, enabled, hasEnvironment, shape, spec };
}

/** Every declared configuration, in spec order. */
export function allConfigurations(model: Model): Configuration[] {
  return (model.spec.configurations ?? []).map((c) => resolveConfiguration(model, c.name) as Configuration);
}
