import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { describeLimit, limitHint } from '../explore/format-report.js';
import type { MatrixReport } from '../explore/run-explorer.js';
import type { CheckedSpec } from '../model/check-spec.js';

/**
 * Turns each verdict that differs from the expected one into a diagnostic
 * at the configuration's `expect` entry: a spec change that breaks (or
 * silently fixes) a property fails the check. A run stopped by a limit is
 * a diagnostic too, since its verdicts are not final.
 */
export function verdictDiagnostics(checked: CheckedSpec, report: MatrixReport): Diagnostic[] {
  const { spec, locate } = checked;
  if (!spec || !locate) return [];
  const diagnostics: Diagnostic[] = [];
  report.configurations.forEach((c, i) => {
    if (c.limit) {
      const span = locate(['configurations', i, 'name']);
      diagnostics.push({
        code: 'EXPLORATION_LIMIT',
        severity: 'error',
        message: `configuration ${c.configuration}: ${describeLimit(c.limit, c.system.relationships)}; its verdicts are not final`,
        file: checked.file,
        start: span.start,
        end: span.end,
        hint: limitHint(c.limit),
      });
    }
    for (const e of c.expectations) {
      if (e.ok) continue;
      const declared = spec.configurations?.[i]?.expect?.[e.property] !== undefined;
      const span = locate(declared ? ['configurations', i, 'expect', e.property] : ['configurations', i, 'name']);
      diagnostics.push({
        code: 'UNEXPECTED_VERDICT',
        severity: 'error',
        message: `in configuration ${c.configuration}, ${e.property} is "${e.actual}" but the spec expects ${declared ? `"${e.expected}"` : 'nothing (no verdict declared)'}`,
        file: checked.file,
        start: span.start,
        end: span.end,
        hint: `run \`fsmkit explore --config ${c.configuration}\` to see the verdict and its trace; if the new verdict is right, update \`expect.${e.property}\``,
      });
    }
  });
  return diagnostics;
}
