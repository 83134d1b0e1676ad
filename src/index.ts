/**
 * fsmkit: one declarative table of a paired-server state machine, checked
 * and turned into code and documentation.
 *
 * Read and check a spec with {@link loadSpec} or {@link checkSpec}, generate
 * artifacts with {@link generate}, and run the CLI's jobs with
 * {@link checkProject} and {@link generateProject}.
 *
 * @module
 */

export type { Artifact, GenerateOptions } from './codegen/artifact.js';
export { generate } from './codegen/generate.js';
export type { Diagnostic, DiagnosticCode, Position, RelatedPlace, Severity } from './diagnostics/diagnostic.js';
export { DIAGNOSTIC_CODES, hasErrors, sortDiagnostics } from './diagnostics/diagnostic.js';
export { formatDiagnostic, noPaint, type Paint } from './diagnostics/format.js';
export { compileModel } from './model/compile-model.js';
export type { Model, ModelEvent, ModelRule, ModelState, RoleId, StateId } from './model/model.js';
export { checkProject, generateProject, type ProjectCheck, type ProjectGenerate, type ProjectOptions } from './pipeline/project.js';
export { specSchema } from './spec/check-schema.js';
export { type CheckedSpec, checkSpec, loadSpec } from './spec/check-spec.js';
export type { Spec } from './spec/spec-types.js';
