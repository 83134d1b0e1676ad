import { VECTORS_FORMAT, type Vector, type VectorFile, type VectorInput } from '../vectors/vector-types.js';

/** Where a vector starts: the role of the server and its state, previous-state and flag. */
export interface VectorStart {
  role: string;
  state: string;
  /** null when the server keeps no previous-state. */
  previous: string | null;
  flag: boolean;
}

/** What the implementation reports: its state, and optionally its previous-state and flag (compared only when given). */
export type ObservedServer = string | { state: string; previous?: string | null; flag?: boolean };

/**
 * The implementation under test, seen through three calls. Each may return
 * a promise.
 */
export interface VectorAdapter {
  /** Put a fresh server of `start.role` into the starting state. */
  reset(start: VectorStart): void | Promise<void>;
  /** Tell the server one input. */
  apply(input: VectorInput): void | Promise<void>;
  /** The server's state now. */
  state(): ObservedServer | Promise<ObservedServer>;
}

/** One vector that failed: the first step where the server was not where it must be. */
export interface VectorFailure {
  vector: string;
  /** 1-based; 0 when the failure is in `reset`. */
  step: number;
  /** The section of the source document behind the step. */
  ref: string | null;
  rule: string | null;
  input: VectorInput | null;
  expected: { state: string; previous: string | null; flag: boolean };
  actual: { state: string; previous?: string | null; flag?: boolean } | { error: string };
}

export interface VectorReport {
  vectors: number;
  steps: number;
  passed: number;
  failures: VectorFailure[];
}

export interface RunOptions {
  /** Only vectors whose id passes. */
  filter?: (vector: Vector) => boolean;
}

/**
 * Runs conformance vectors against an implementation: for each vector,
 * `reset` to its start, then `apply` each input and compare `state()` with
 * the expected server. A vector stops at its first mismatch (later steps
 * would start from the wrong place). Never throws for a mismatch: read the
 * report, or use `assertVectors`.
 * @throws Error when the file is not a vector file of a known version
 */
export async function runVectors(vectors: VectorFile | readonly Vector[], adapter: VectorAdapter, options: RunOptions = {}): Promise<VectorReport> {
  const list = Array.isArray(vectors) ? (vectors as readonly Vector[]) : checkedFile(vectors as VectorFile).vectors;
  const report: VectorReport = { vectors: 0, steps: 0, passed: 0, failures: [] };
  for (const vector of list) {
    if (options.filter && !options.filter(vector)) continue;
    report.vectors++;
    const failure = await runOne(vector, adapter, report);
    if (failure) report.failures.push(failure);
    else report.passed++;
  }
  return report;
}

/**
 * Runs the vectors and throws one Error listing every failure (at most
 * `shown` of them in full) when any fails: the one line a test of any
 * runner (vitest, node:test, jest) needs.
 */
export async function assertVectors(
  vectors: VectorFile | readonly Vector[],
  adapter: VectorAdapter,
  options: RunOptions & { shown?: number } = {},
): Promise<VectorReport> {
  const report = await runVectors(vectors, adapter, options);
  if (report.failures.length > 0) throw new Error(formatReport(report, options.shown ?? 5));
  return report;
}

/** A report as text: the counts, then each failure shown in full. */
export function formatReport(report: VectorReport, shown = 5): string {
  const head = `${report.failures.length} of ${report.vectors} vectors failed (${report.passed} passed, ${report.steps} steps run)`;
  const more = report.failures.length > shown ? [`... and ${report.failures.length - shown} more`] : [];
  return [head, ...report.failures.slice(0, shown).map(formatFailure), ...more].join('\n\n');
}

/** One failure as text: vector, step, section, input, expected, actual. */
export function formatFailure(f: VectorFailure): string {
  const where = f.step === 0 ? 'at reset' : `at step ${f.step}`;
  const section = f.ref ? `, section ${f.ref}` : '';
  const rule = f.rule ? ` (rule ${f.rule})` : '';
  const lines = [`vector ${f.vector} failed ${where}${section}${rule}`];
  if (f.input) {
    const i = f.input;
    lines.push(
      `  input:    ${i.event}; partner shows ${i.partner}${i.partnerStartup ? ' as its remembered state' : ''}; link ${i.link}${i.watch ? '; flag watched' : ''}`,
    );
  }
  lines.push(`  expected: ${describe(f.expected)}`);
  lines.push(`  actual:   ${'error' in f.actual ? `threw ${f.actual.error}` : describe(f.actual)}`);
  return lines.join('\n');
}

function describe(s: { state: string; previous?: string | null; flag?: boolean }): string {
  const previous = s.previous === undefined ? '' : `, previous ${s.previous ?? 'none'}`;
  const flag = s.flag === undefined ? '' : `, flag ${s.flag ? 'set' : 'unset'}`;
  return `${s.state}${previous}${flag}`;
}

function checkedFile(file: VectorFile): VectorFile {
  if (typeof file !== 'object' || file === null || !('fsmkitVectors' in file)) {
    throw new Error('not a vector file: the top-level object has no "fsmkitVectors" field; write one with `fsmkit vectors`');
  }
  if (file.fsmkitVectors !== VECTORS_FORMAT) {
    throw new Error(
      `vector file version ${String(file.fsmkitVectors)} is not supported (this harness reads version ${VECTORS_FORMAT}); regenerate it with this fsmkit`,
    );
  }
  return file;
}

async function runOne(vector: Vector, adapter: VectorAdapter, report: VectorReport): Promise<VectorFailure | undefined> {
  const start: VectorStart = { role: vector.role, ...vector.start };
  const base = { vector: vector.id };
  try {
    await adapter.reset(start);
  } catch (error) {
    return { ...base, step: 0, ref: null, rule: null, input: null, expected: vector.start, actual: { error: message(error) } };
  }
  for (const [i, step] of vector.steps.entries()) {
    report.steps++;
    const at = { ...base, step: i + 1, ref: step.ref, rule: step.rule, input: step.input, expected: step.expect };
    let observed: ObservedServer;
    try {
      await adapter.apply(step.input);
      observed = await adapter.state();
    } catch (error) {
      return { ...at, actual: { error: message(error) } };
    }
    const actual = typeof observed === 'string' ? { state: observed } : observed;
    const wrong =
      actual.state !== step.expect.state ||
      (actual.previous !== undefined && actual.previous !== step.expect.previous) ||
      (actual.flag !== undefined && actual.flag !== step.expect.flag);
    if (wrong) return { ...at, actual };
  }
  return undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
