import type { Readable } from 'node:stream';
import type { Model } from '../model/model.js';
import { parseIscLine } from './isc-log.js';
import { parseJsonlLine } from './jsonl-log.js';
import { type JudgeOptions, type LogFinding, LogJudge, type RelationshipSummary } from './judge-log.js';
import { readLines } from './read-lines.js';

export type LogFormat = 'isc' | 'jsonl';
export const LOG_FORMATS: readonly LogFormat[] = ['isc', 'jsonl'];

export interface CheckLogOptions extends JudgeOptions {
  format: LogFormat;
}

/** The verdict on a whole log. */
export interface LogReport {
  format: LogFormat;
  profile: string | null;
  lines: number;
  findings: LogFinding[];
  /** Findings beyond the kept ones (counted in the summaries). */
  findingsDropped: number;
  relationships: RelationshipSummary[];
  /** No violation anywhere. */
  ok: boolean;
}

/**
 * Reads a log as a stream (plain or gzip, LF or CR LF) and judges every
 * state change against the model. Memory stays constant whatever the size.
 * @throws the stream's own error when the input cannot be read
 */
export async function checkLog(model: Model, input: Readable, options: CheckLogOptions): Promise<LogReport> {
  const judge = new LogJudge(model, options);
  const parse = options.format === 'jsonl' ? parseJsonlLine : parseIscLine;
  let lines = 0;
  for await (const line of readLines(input)) {
    lines++;
    judge.observe(lines, line, parse(line));
  }
  const relationships = judge.summaries();
  return {
    format: options.format,
    profile: options.profile ?? null,
    lines,
    findings: judge.findings,
    findingsDropped: judge.findingsDropped,
    relationships,
    ok: relationships.every((r) => r.violations === 0),
  };
}
