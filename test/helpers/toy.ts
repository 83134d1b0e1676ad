import { readFileSync } from 'node:fs';
import { checkSpec } from '../../src/model/check-spec.js';
import type { Model } from '../../src/model/model.js';
import { TOY_SPEC } from './paths.js';

/** The toy spec, optionally edited, compiled; throws with the findings if the edit broke it. */
export function toyModel(edit: (text: string) => string = (t) => t): Model {
  const checked = checkSpec('toy.yaml', edit(readFileSync(TOY_SPEC, 'utf8')));
  if (!checked.model) throw new Error(checked.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return checked.model;
}
