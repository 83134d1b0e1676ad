import type { Diagnostic, DiagnosticCode, RelatedPlace } from '../diagnostics/diagnostic.js';
import type { DataPath, YamlSource } from './read-yaml.js';

/** Collects diagnostics placed at data paths of one YAML source. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly source: YamlSource) {}

  error(code: DiagnosticCode, path: DataPath, message: string, hint?: string, related?: RelatedPlace[]): void {
    const span = this.source.locate(path);
    const d: Diagnostic = { code, severity: 'error', message, file: this.source.file, start: span.start, end: span.end };
    if (hint) d.hint = hint;
    if (related?.length) d.related = related;
    this.diagnostics.push(d);
  }

  /** A finding that does not make the spec invalid, but probably is a mistake. */
  warning(code: DiagnosticCode, path: DataPath, message: string, hint?: string): void {
    const span = this.source.locate(path);
    const d: Diagnostic = { code, severity: 'warning', message, file: this.source.file, start: span.start, end: span.end };
    if (hint) d.hint = hint;
    this.diagnostics.push(d);
  }

  /** A pointer to another place, for `related`. */
  place(path: DataPath, message: string): RelatedPlace {
    return { message, file: this.source.file, start: this.source.locate(path).start };
  }
}
