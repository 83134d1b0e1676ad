import type { Spec } from '../spec/spec-types.js';
import type { Artifact, GenerateOptions } from './artifact.js';
import { generateTsEnum } from './ts-enum.js';

/**
 * Every artifact the spec produces, sorted by path. Pure: the same spec and
 * options give the same bytes.
 */
export function generate(spec: Spec, options: GenerateOptions): Artifact[] {
  const artifacts = [...generateTsEnum(spec, options)];
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
