import type { Model } from '../model/model.js';
import type { ReachExpectation } from '../spec/spec-types.js';
import { allConfigurations, type Configuration } from './configuration.js';
import { DEFAULT_EXPLORE_OPTIONS, type ExploreOptions, explore } from './explore.js';
import { checkProperties, type Verdict } from './properties.js';

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

/** Explores one configuration and checks every property against the spec's expectations. */
export function exploreConfiguration(model: Model, config: Configuration, options: ExploreOptions = DEFAULT_EXPLORE_OPTIONS): ConfigurationReport {
  const graph = explore(model, config, options);
  const verdicts = checkProperties(graph);
  const expectations = verdicts.map((v) => compare(v, config.spec?.expect?.[v.property]));
  const report: ConfigurationReport = {
    configuration: config.name,
    description: config.description,
    states: graph.keys.length,
    transitions: graph.transitions,
    diameter: graph.depth.reduce((a, b) => Math.max(a, b), 0),
    elapsedMs: graph.elapsedMs,
    verdicts,
    expectations,
    ok: !graph.limit && expectations.every((e) => e.ok),
  };
  if (graph.limit) report.limit = graph.limit;
  return report;
}

/** Explores every configuration of the spec. */
export function exploreMatrix(model: Model, options: ExploreOptions = DEFAULT_EXPLORE_OPTIONS): MatrixReport {
  const configurations = allConfigurations(model).map((c) => exploreConfiguration(model, c, options));
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
