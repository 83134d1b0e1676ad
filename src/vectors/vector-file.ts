import type { Artifact } from '../codegen/artifact.js';
import type { Model } from '../model/model.js';
import { ruleVectors } from './rule-vectors.js';
import { type Coverage, VECTORS_FORMAT, type Vector, type VectorFile, type VectorSummary } from './vector-types.js';

/** The vectors of one coverage as a file: names of everything, summary, vectors. */
export function vectorFile(model: Model, coverage: Coverage, configuration: string | null, chosen: { vectors: Vector[]; summary: VectorSummary }): VectorFile {
  return {
    fsmkitVectors: VECTORS_FORMAT,
    spec: model.spec.name,
    coverage,
    configuration,
    roles: [...model.roles],
    states: model.states.map((s) => s.name),
    events: model.events.map((e) => e.name),
    summary: chosen.summary,
    vectors: chosen.vectors,
  };
}

/** The rules vectors of `model` as a file. */
export function ruleVectorFile(model: Model): VectorFile {
  return vectorFile(model, 'rules', null, ruleVectors(model));
}

/** The file as JSON text: two-space indent, a final newline; the same bytes on every run. */
export function formatVectorsJson(file: VectorFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The rules vectors as a generated file beside the other outputs
 * (`<name>.vectors.json`): the same bytes `fsmkit vectors` prints, so the
 * committed copy is kept in step by `fsmkit check` like any generated file.
 */
export function ruleVectorArtifact(model: Model): Artifact {
  return { path: `${model.spec.name}.vectors.json`, contents: formatVectorsJson(ruleVectorFile(model)) };
}
