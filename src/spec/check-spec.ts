import { type Diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { readTextFile } from '../io/read-text-file.js';
import { compileModel } from '../model/compile-model.js';
import type { Model } from '../model/model.js';
import { checkBehaviour } from './check-behaviour.js';
import { checkColumns, checkDuplicateNames } from './check-names.js';
import { checkReferences } from './check-references.js';
import { checkSchema } from './check-schema.js';
import { readYaml, type YamlSource } from './read-yaml.js';
import { Reporter } from './reporter.js';
import type { Spec } from './spec-types.js';

/** What checking a spec gives: the spec and its model when valid, and every problem found. */
export interface CheckedSpec {
  file: string;
  text: string;
  /** Present when the spec has no errors. */
  spec?: Spec;
  /** Present when the spec has no errors. */
  model?: Model;
  /** Maps a data path of the spec to its place in the text (when the YAML parsed). */
  locate?: YamlSource['locate'];
  diagnostics: Diagnostic[];
}

/**
 * Checks spec text in three stages, reporting all problems of a stage
 * before stopping: YAML syntax, the shape (JSON Schema), then the meaning
 * (names, roles, memory, conflicting or dead rules, states with no way out).
 * @param file name used in diagnostics
 * @param text the YAML text
 */
export function checkSpec(file: string, text: string): CheckedSpec {
  const parsed = readYaml(file, text);
  const done = (diagnostics: Diagnostic[]): CheckedSpec => ({ file, text, diagnostics: sortDiagnostics(diagnostics) });
  if (!parsed.source) return done(parsed.diagnostics);
  const schema = checkSchema(parsed.source);
  if (schema.length > 0) return done(schema);

  const spec = parsed.source.data as Spec;
  const report = new Reporter(parsed.source);
  checkDuplicateNames(spec, report);
  checkColumns(spec, report);
  checkReferences(spec, report);
  // Behaviour checks index states and events by name; they need clean names.
  if (hasErrors(report.diagnostics)) return done(report.diagnostics);
  const model = compileModel(spec);
  checkBehaviour(model, report);
  if (hasErrors(report.diagnostics)) return done(report.diagnostics);
  return { file, text, spec, model, locate: parsed.source.locate, diagnostics: sortDiagnostics(report.diagnostics) };
}

/**
 * Reads a spec file and checks it; a missing or unreadable file is a diagnostic too.
 * @param file the path diagnostics show
 * @param readPath where to read it from, when that differs (an absolute path, say)
 */
export async function loadSpec(file: string, readPath = file): Promise<CheckedSpec> {
  const read = await readTextFile(readPath);
  if (read.text === undefined) return { file, text: '', diagnostics: read.diagnostics.map((d) => ({ ...d, file })) };
  return checkSpec(file, read.text);
}
