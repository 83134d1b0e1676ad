import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, type Paint } from '../diagnostics/format.js';
import type { CheckedSpec } from '../spec/check-spec.js';

/** Prints diagnostics, with an excerpt of the spec line where the spec text is at hand. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], checked: CheckedSpec, write: (s: string) => void, paint: Paint): void {
  for (const d of diagnostics) {
    write(`${formatDiagnostic(d, d.file === checked.file ? checked.text : undefined, paint)}\n\n`);
  }
}
