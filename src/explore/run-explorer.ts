import type { Model } from '../model/model.js';
import type { ReachExpectation } from '../spec/spec-types.js';
import { allConfigurations, type Configuration } from './configuration.js';
import { DEFAULT_EXPLORE_OPTIONS, type ExploreLimit, type ExploreOptions, type ExploreProgress, explore, type Shape } from './explore.js';
import { checkProperties, type Verdict } from './properties.js';
import { type ReachablePairs, reachablePairs } from './reachable-pairs.js';

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
  /** The shape of the run, whether symmetric states were merged, what the reduced states stand for, and how many states one relationship took. */
  system: { relationships: number; symmetry: boolean; fullStates: number; bytesPerState: number; localStates: number };
  /** Set when a limit stopped the run: the verdicts are then not final. */
  limit?: ExploreLimit;
  verdicts: Verdict[];
  expectations: ExpectationCheck[];
  /** Every verdict is the expected one and no limit was hit. */
  ok: boolean;
  /** The reachable pair states and moves, when asked for (see `exploreMatrix`). */
  pairs?: ReachablePairs;
}

/** The configuration x property matrix. */
export interface MatrixReport {
  spec: string;
  configurations: ConfigurationReport[];
  ok: boolean;
}

/**
 * Explores one configuration and checks every property against the spec's
 * expectations, in the shape the configuration declares unless `shape`
 * overrides it (one relationship by default).
 */
export function exploreConfiguration(
  model: Model,
  config: Configuration,
  options: ExploreOptions = DEFAULT_EXPLORE_OPTIONS,
  shape: Shape = shapeOf(config),
  keepPairs = false,
): ConfigurationReport {
  const graph = explore(model, config, shape, options);
  const verdicts = checkProperties(graph, options.onProgress);
  const expectations = verdicts.map((v) => compare(v, config.spec?.expect?.[v.property]));
  const out: ConfigurationReport = {
    configuration: config.name,
    description: config.description,
    states: graph.states.size,
    transitions: graph.transitions,
    diameter: graph.levels.length - 1,
    elapsedMs: graph.elapsedMs,
    system: {
      relationships: graph.shape.relationships,
      symmetry: graph.shape.symmetry,
      fullStates: graph.fullStates,
      bytesPerState: graph.states.bytes() / Math.max(1, graph.states.size),
      localStates: graph.table.size,
    },
    verdicts,
    expectations,
    ok: !graph.limit && expectations.every((e) => e.ok),
  };
  if (graph.limit) out.limit = graph.limit;
  if (keepPairs) out.pairs = reachablePairs(graph);
  return out;
}

/** The shape a configuration declares (defaults filled by the model: one relationship, symmetry on). */
export function shapeOf(config: Configuration): Shape {
  return { ...config.shape };
}

/**
 * Explores every configuration of the spec, each in the shape it declares
 * unless `shape` overrides it. The report of configuration `pairsOf` keeps
 * its reachable pairs (what the docs draw), read off the same run.
 */
export function exploreMatrix(model: Model, options: ExploreOptions = DEFAULT_EXPLORE_OPTIONS, shape?: Shape, pairsOf?: string): MatrixReport {
  const all = allConfigurations(model);
  const configurations = all.map((c, index) => {
    const onProgress = options.onProgress;
    const tagged = onProgress
      ? { ...options, onProgress: (p: ExploreProgress) => onProgress({ ...p, configuration: { name: c.name, index: index + 1, count: all.length } }) }
      : options;
    return exploreConfiguration(model, c, tagged, shape ?? shapeOf(c), c.name === pairsOf);
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
