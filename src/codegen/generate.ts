import type { Model } from '../model/model.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { generateCHeader } from './c-header.js';
import { generateJsonMachine } from './json-machine.js';
import { generateTsEntry } from './ts-entry.js';
import { generateTsEnum } from './ts-enum.js';
import { generateTsValidator } from './ts-validator.js';
import { generateXStateMachine } from './xstate-machine.js';

/**
 * Every artifact the spec produces, sorted by path. Generators take the
 * compiled model (defaults filled in once, by `compileModel`). Pure: the
 * same model and options give the same bytes.
 */
export function generate(model: Model, options: GenerateOptions): Artifact[] {
  const typescript = [...generateTsEnum(model, options), ...generateTsValidator(model, options)];
  const artifacts = [
    ...typescript,
    ...generateTsEntry(
      model,
      options,
      typescript.map((a) => a.path),
    ),
    ...generateCHeader(model, options),
    ...generateJsonMachine(model, options),
    ...generateXStateMachine(model, options),
  ];
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
