import type { Spec } from '../spec/spec-types.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { generateCHeader } from './c-header.js';
import { generateJsonMachine } from './json-machine.js';
import { generateTsEnum } from './ts-enum.js';
import { generateTsValidator } from './ts-validator.js';
import { generateXStateMachine } from './xstate-machine.js';

/**
 * Every artifact the spec produces, sorted by path. Pure: the same spec and
 * options give the same bytes.
 */
export function generate(spec: Spec, options: GenerateOptions): Artifact[] {
  const artifacts = [
    ...generateTsEnum(spec, options),
    ...generateTsValidator(spec, options),
    ...generateCHeader(spec, options),
    ...generateJsonMachine(spec, options),
    ...generateXStateMachine(spec, options),
  ];
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
