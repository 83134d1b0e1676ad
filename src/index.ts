/**
 * fsmkit: one declarative table of a paired-server state machine, checked,
 * explored, and turned into code, diagrams and documentation.
 *
 * Read and check a spec with {@link loadSpec} or {@link checkSpec}; explore
 * the pair with {@link exploreMatrix} or {@link exploreConfiguration}, or
 * step by step with {@link explore} and {@link checkProperties} (K
 * relationships between two hosts: pass a {@link Shape});
 * generate artifacts with {@link generate}, diagrams with
 * {@link generateDiagrams} and pages with {@link generateDocs}; judge real
 * logs with {@link checkLog}; run the CLI's jobs with {@link checkProject}
 * and {@link generateProject}.
 *
 * @module fsmkit
 */

export type { Artifact, GenerateOptions } from './codegen/artifact.js';
export { generate } from './codegen/generate.js';
export type { Diagnostic, DiagnosticCode, Position, RelatedPlace, Severity } from './diagnostics/diagnostic.js';
export { DIAGNOSTIC_CODES, hasErrors, sortDiagnostics } from './diagnostics/diagnostic.js';
export { formatDiagnostic, noPaint, type Paint } from './diagnostics/format.js';
export { generateDiagrams } from './diagram/diagram-set.js';
export { findBrowser, type RenderResult, renderDiagrams } from './diagram/render.js';
export { generateDocs } from './docs/docs-pages.js';
export { allConfigurations, type Configuration, resolveConfiguration } from './explore/configuration.js';
export {
  DEFAULT_EXPLORE_OPTIONS,
  type ExploredGraph,
  type ExploreLimit,
  type ExploreOptions,
  explore,
  PAIR_SHAPE,
  type Shape,
} from './explore/explore.js';
export { formatConfiguration, formatMatrix } from './explore/format-report.js';
export { checkProperties, type Verdict } from './explore/properties.js';
export type { PairTransition, ReachablePairs } from './explore/reachable-pairs.js';
export { replayScenarios, type ScenarioRun, type SpecPlace } from './explore/replay-scenarios.js';
export { type ConfigurationReport, exploreConfiguration, exploreMatrix, type MatrixReport } from './explore/run-explorer.js';
export type { PairView, ServerView, Trace, TraceStep, TraceView } from './explore/trace.js';
export { generatePromela } from './export/promela.js';
export { type CheckLogOptions, checkLog, type LogInput, type LogReport } from './log/check-log.js';
export { formatLogReport } from './log/format-log-report.js';
export type { LogFinding, RelationshipSummary } from './log/judge-log.js';
export { type CheckedSpec, checkSpec, loadSpec } from './model/check-spec.js';
export { compileModel } from './model/compile-model.js';
export type { Model, ModelEvent, ModelRule, ModelState, RoleId, StateId } from './model/model.js';
export { checkProject, generateProject, type ProjectCheck, type ProjectGenerate, type ProjectOptions } from './pipeline/project.js';
export { specSchema } from './spec/check-schema.js';
export type { Spec } from './spec/spec-types.js';
