import type { Model } from '../model/model.js';
import type { ReachExpectation } from '../spec/spec-types.js';
import { allConfigurations, type Configuration } from './configuration.js';
import { DEFAULT_EXPLORE_OPTIONS, type ExploreOptions, type ExploreProgress, explore } from './explore.js';
import { exploreSystem, type SystemShape } from './explore-system.js';
import { checkProperties, type Verdict } from './properties.js';
import { checkSystemProperties } from './system-properties.js';

/** How a verdict compares with the one the spec expects. */
export interface ExpectationCheck {
  property: string;
  /** What the spec expects, in words ("holds", "violated", "unreached: ..."); "(none declared)" when missing. */
  expected: string;
  actual: string;
  ok: boolean;
}

/** Everything the explorer found for one configuration. */
export interface ConfigurationReport {
  configuration: string;
  description: string;
  states: number;
  transitions: number;
  diameter: number;
  elapsedMs: number;
  /** With several relationships: how many, whether symmetric states were merged, and what the reduced states stand for. */
  system?: { relationships: number; symmetry: boolean; fullStates: number; bytesPerState: number; localStates: number };
  /** Set when a limit stopped the run: the verdicts are then not final. */
  limit?: { kind: 'states' | 'memory'; reached: number };
  verdicts: Verdict[];
  expectations: ExpectationCheck[];
  /** Every verdict is the expected one and no limit was hit. */
  ok: boolean;
}

/** The configuration x property matrix. */
export interface MatrixReport {
  spec: string;
  configurations: ConfigurationReport[];
  ok: boolean;
}

/**
 * Explores one configuration and checks every property against the spec's
 * expectations. One relationship goes through the pair explorer, which keeps
 * the graph for diagrams; a `shape` (or a configuration with several
 * relationships) goes through the system explorer.
 */
export function exploreConfiguration(
  model: Model,
  config: Configuration,
  options: ExploreOptions = DEFAULT_EXPLORE_OPTIONS,
  shape: SystemShape | undefined = shapeOf(config),
): ConfigurationReport {
  if (shape) return exploreSystemConfiguration(model, config, shape, options);
  const graph = explore(model, config, options);
  return report(config, checkProperties(graph), {
    states: graph.keys.length,
    transitions: graph.transitions,
    diameter: graph.depth.reduce((a, b) => Math.max(a, b), 0),
    elapsedMs: graph.elapsedMs,
    limit: graph.limit,
  });
}

/** The shape a configuration declares, or undefined for the plain pair. */
export function shapeOf(config: Configuration): SystemShape | undefined {
  const relationships = config.spec?.relationships ?? 1;
  return relationships > 1 ? { relationships, symmetry: config.spec?.symmetry ?? true } : undefined;
}

function exploreSystemConfiguration(model: Model, config: Configuration, shape: SystemShape, options: ExploreOptions): ConfigurationReport {
  const graph = exploreSystem(model, config, shape, options);
  const out = report(config, checkSystemProperties(graph, options.onProgress), {
    states: graph.states.size,
    transitions: graph.transitions,
    diameter: graph.levels.length - 1,
    elapsedMs: graph.elapsedMs,
    limit: graph.limit,
  });
  out.system = {
    relationships: graph.shape.relationships,
    symmetry: graph.shape.symmetry,
    fullStates: graph.fullStates,
    bytesPerState: graph.states.bytes() / Math.max(1, graph.states.size),
    localStates: graph.table.size,
  };
  return out;
}

function report(
  config: Configuration,
  verdicts: Verdict[],
  stats: Pick<ConfigurationReport, 'states' | 'transitions' | 'diameter' | 'elapsedMs'> & { limit: ConfigurationReport['limit'] | undefined },
): ConfigurationReport {
  const expectations = verdicts.map((v) => compare(v, config.spec?.expect?.[v.property]));
  const { limit, ...counts } = stats;
  const out: ConfigurationReport = {
    configuration: config.name,
    description: config.description,
    ...counts,
    verdicts,
    expectations,
    ok: !limit && expectations.every((e) => e.ok),
  };
  if (limit) out.limit = limit;
  return out;
}

/** Explores every configuration of the spec (each in the shape it declares, unless `shape` overrides it). */
export function exploreMatrix(model: Model, options: ExploreOptions = DEFAULT_EXPLORE_OPTIONS, shape?: SystemShape): MatrixReport {
  const all = allConfigurations(model);
  const configurations = all.map((c, index) => {
    const onProgress = options.onProgress;
    const tagged = onProgress
      ? { ...options, onProgress: (p: ExploreProgress) => onProgress({ ...p, configuration: { name: c.name, index: index + 1, count: all.length } }) }
      : options;
    return exploreConfiguration(model, c, tagged, shape ?? shapeOf(c));
  });
  return { spec: model.spec.name, configurations, ok: configurations.every((c) => c.ok) };
}

function compare(verdict: Verdict, expected: string | ReachExpectation | undefined): ExpectationCheck {
  if (verdict.kind === 'reachability') {
    const actual = describeReach(verdict.unreached ?? [], verdict.unfired ?? []);
    if (expected === undefined || typeof expected === 'string') return { property: verdict.property, expected: '(none declared)', actual, ok: false };
    const wanted = describeReach(expected.unreached ?? [], expected.unfired ?? []);
    return { property: verdict.property, expected: wanted, actual, ok: wanted === actual };
  }
  const ok = expected === verdict.status;
  return { property: verdict.property, expected: typeof expected === 'string' ? expected : '(none declared)', actual: verdict.status, ok };
}

function describeReach(unreached: readonly string[], unfired: readonly string[]): string {
  if (unreached.length === 0 && unfired.length === 0) return 'everything reached';
  const parts = [];
  if (unreached.length) parts.push(`unreached: ${[...unreached].sort().join(', ')}`);
  if (unfired.length) parts.push(`unfired: ${[...unfired].sort().join(', ')}`);
  return parts.join('; ');
}
