import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, type Paint } from '../diagnostics/format.js';
import { type CheckedSpec, loadSpec } from '../model/check-spec.js';
import type { Model } from '../model/model.js';

/** Prints diagnostics, with an excerpt of the spec line where the spec text is at hand. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], checked: CheckedSpec, write: (s: string) => void, paint: Paint): void {
  for (const d of diagnostics) {
    write(`${formatDiagnostic(d, d.file === checked.file ? checked.text : undefined, paint)}\n\n`);
  }
}

/**
 * Loads the spec a command works on; when it is invalid, prints its
 * findings and `<spec>: invalid spec, <consequence>` and returns undefined.
 */
export async function loadModelOrReport(spec: string, cwd: string, write: (s: string) => void, paint: Paint, consequence: string): Promise<Model | undefined> {
  const checked = await loadSpec(spec, resolve(cwd, spec));
  if (checked.model) return checked.model;
  printDiagnostics(checked.diagnostics, checked, write, paint);
  write(`${spec}: invalid spec, ${consequence}\n`);
  return undefined;
}
