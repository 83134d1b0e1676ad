import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * One finding placed in a file, in the common shape of the review formats:
 * GitHub workflow annotations and SARIF results.
 */
export interface Finding {
  /** A stable rule id: a diagnostic code, or a log finding class. */
  rule: string;
  level: 'error' | 'warning' | 'note';
  message: string;
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  col?: number;
  endLine?: number;
  endCol?: number;
}

/** Diagnostics as findings; the hint is kept at the end of the message, where a reviewer reads it. */
export function findingsOfDiagnostics(diagnostics: readonly Diagnostic[]): Finding[] {
  return diagnostics.map((d) => {
    const finding: Finding = {
      rule: d.code,
      level: d.severity,
      message: d.hint ? `${d.message} (hint: ${d.hint})` : d.message,
      file: slashes(d.file),
      line: d.start.line,
      col: d.start.col,
    };
    if (d.end) {
      finding.endLine = d.end.line;
      finding.endCol = d.end.col;
    }
    return finding;
  });
}

function slashes(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/**
 * GitHub Actions workflow commands (`::error file=...,line=...::message`),
 * one line per finding: a workflow step that prints them shows each finding
 * inline on the pull request. Values are escaped as the runner expects, so a
 * message cannot end the command or start another.
 */
export function formatGithubAnnotations(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const properties = [`file=${property(f.file)}`, `line=${f.line}`];
      if (f.col !== undefined) properties.push(`col=${f.col}`);
      if (f.endLine !== undefined) properties.push(`endLine=${f.endLine}`);
      if (f.endCol !== undefined && f.endLine === f.line) properties.push(`endColumn=${f.endCol}`);
      properties.push(`title=${property(`fsmkit ${f.rule}`)}`);
      return `::${f.level === 'note' ? 'notice' : f.level} ${properties.join(',')}::${data(f.message)}\n`;
    })
    .join('');
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The tool named in a SARIF log. */
export interface SarifTool {
  name: string;
  version: string;
  informationUri?: string;
  /** A short description per rule id, when known. */
  rules?: Readonly<Record<string, string>>;
}

/**
 * A SARIF 2.1.0 log with one run: the tool, the rules used (sorted), and
 * one result per finding with its physical location. Code scanning (GitHub's
 * `upload-sarif`, and other viewers) shows the results on the lines they name.
 */
export function formatSarif(findings: readonly Finding[], tool: SarifTool): string {
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const driver: Record<string, unknown> = { name: tool.name, version: tool.version };
  if (tool.informationUri) driver.informationUri = tool.informationUri;
  driver.rules = ruleIds.map((id) => {
    const rule: Record<string, unknown> = { id };
    const text = tool.rules?.[id];
    if (text) rule.shortDescription = { text };
    return rule;
  });
  const results = findings.map((f) => {
    const region: Record<string, number> = { startLine: f.line };
    if (f.col !== undefined) region.startColumn = f.col;
    if (f.endLine !== undefined) region.endLine = f.endLine;
    if (f.endCol !== undefined) region.endColumn = f.endCol;
    return {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: f.level,
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.file) }, region } }],
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
