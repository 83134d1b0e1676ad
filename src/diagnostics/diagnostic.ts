/** Where a problem is: 1-based line and column in a file. */
export interface Position {
  line: number;
  col: number;
}

export type Severity = 'error' | 'warning';

/**
 * Stable codes, one per kind of problem a user can fix. Each has a paragraph
 * in docs/errors.md; never rename one once released.
 */
export const DIAGNOSTIC_CODES = [
  'FILE_UNREADABLE',
  'YAML_SYNTAX',
  'MISSING_FIELD',
  'UNKNOWN_FIELD',
  'WRONG_TYPE',
  'INVALID_VALUE',
  'MISSING_DESCRIPTION',
  'MISSING_REF',
  'DUPLICATE_NAME',
  'DUPLICATE_VALUE',
  'MISSING_COLUMN',
  'UNKNOWN_COLUMN',
  'UNKNOWN_STATE',
  'UNKNOWN_EVENT',
  'UNKNOWN_ROLE',
  'UNKNOWN_SERVICE',
  'UNKNOWN_NUMBERING',
  'UNKNOWN_PROPERTY',
  'ROLE_NOT_ALLOWED',
  'EMPTY_GUARD',
  'UNSATISFIABLE_RULE',
  'CONFLICTING_RULES',
  'NO_WAY_OUT',
  'MEMORY_NOT_KEPT',
  'MISUSED_FIELD',
  'STALE_OUTPUT',
  'MISSING_OUTPUT',
  'OUTPUT_UNWRITABLE',
  'UNEXPECTED_VERDICT',
  'EXPLORATION_LIMIT',
  'MODEL_TOO_LARGE',
  'SCENARIO_MISMATCH',
  'SCENARIO_STEP_IMPOSSIBLE',
  'SCENARIO_NEXT_MISMATCH',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** Another place that helps explain a diagnostic (the other duplicate, say). */
export interface RelatedPlace {
  message: string;
  file: string;
  start: Position;
}

/** One problem the user can fix, with its place and, where possible, the fix. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file: string;
  start: Position;
  end?: Position;
  hint?: string;
  related?: RelatedPlace[];
}

/** Sorts by file, then position, then code, so output never depends on check order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.start.line - b.start.line ||
      a.start.col - b.start.col ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
