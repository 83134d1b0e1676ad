import type { Readable } from 'node:stream';
import type { Model } from '../model/model.js';
import { compileProfiles } from '../model/profiles.js';
import { type EnvelopeFormat, readEnvelope, YearClock } from './envelope.js';
import { parseJsonlLine } from './jsonl-log.js';
import { type JudgeOptions, type LogFinding, LogJudge, type RelationshipSummary } from './judge-log.js';
import { LinePatterns } from './line-patterns.js';
import type { LogEvent, LogLine } from './log-event.js';
import { LogInputError, MAX_LINE_LENGTH, type OverlongLine, readLines } from './read-lines.js';
import { sanitize } from './sanitize.js';
import { TimeOrder } from './time-order.js';

export type LogFormat = EnvelopeFormat | 'jsonl';
export const LOG_FORMATS: readonly LogFormat[] = ['auto', 'syslog', 'rfc5424', 'journald', 'docker', 'plain', 'jsonl'];

/** One input: its name for messages and a way to open it (twice when several are ordered by time). */
export interface LogInput {
  name: string;
  open: () => Readable;
}

export interface CheckLogOptions extends JudgeOptions {
  /** @default 'auto' */
  format?: LogFormat;
  /** @default 65536 */
  maxLineLength?: number;
  /** State changes held back to put them in time order. @default 4096 */
  reorderWindow?: number;
}

/** What was read of one input. */
export interface InputSummary {
  file: string;
  lines: number;
  /** The first time the input carries (ISO 8601), when it has one. */
  firstTime: string | null;
}

/** Why check-log could not do its job (exit 2): unreadable, binary, truncated input, nothing to judge, or an unknown relationship. */
export interface LogInputProblem {
  kind: 'binary' | 'truncated' | 'unreadable' | 'nothing-read' | 'unknown-peer';
  file?: string;
  message: string;
}

/** The verdict on a whole log. */
export interface LogReport {
  format: LogFormat;
  profile: string | null;
  /** Profiles whose line patterns were used to read the log. */
  patternsFrom: string[];
  /** Inputs in the order they were judged. */
  inputs: InputSummary[];
  /** "by-time" when several inputs were judged in the order of their first times, not as given. */
  inputOrder: 'as-given' | 'by-time';
  lines: number;
  moves: number;
  /** State changes that were out of time order and were judged in time order. */
  reordered: number;
  /** State changes too far out of time order to mend (judged where they stood). */
  outOfOrderUnmended: number;
  malformed: number;
  gaps: number;
  violations: number;
  roleConflicts: number;
  accepted: number;
  /** Lines of relationships beyond the cap, counted but not judged. */
  untracked: number;
  findings: LogFinding[];
  /** Findings beyond the kept ones (counted in the summaries). */
  findingsDropped: number;
  relationships: RelationshipSummary[];
  /** Set when the log could not be judged (exit 2). */
  problem: LogInputProblem | null;
  /** No violation or role conflict anywhere, and no problem. */
  ok: boolean;
}

/**
 * Reads one or more logs as streams (plain or gzip, LF or CR LF) and judges
 * every state change against the model, in time order. Memory is bounded
 * whatever the size: lines are capped, the time-order window and the
 * number of relationships followed are limited. Input that cannot be read
 * is a `problem` of the report, never an exception.
 * @param model the compiled spec (its profiles give the line patterns)
 * @param inputs the logs; several are judged in the order of their first times
 * @param options format, roles, relationship, accepted profile, limits
 * @returns the findings, counts and a summary per (host, relationship)
 * @example
 * ```ts
 * const { model } = await loadSpec('my-protocol.yaml');
 * const report = await checkLog(model!, [{ name: 'syslog', open: () => createReadStream('syslog') }], { profile: 'my-server' });
 * if (!report.ok) console.log(formatLogReport(report));
 * ```
 */
export async function checkLog(model: Model, inputs: readonly LogInput[], options: CheckLogOptions = {}): Promise<LogReport> {
  const format = options.format ?? 'auto';
  const judge = new LogJudge(model, options);
  const profiles = compileProfiles(model);
  const chosen = options.profile === undefined ? profiles : profiles.filter((p) => p.name === options.profile);
  const patterns = new LinePatterns(chosen.some((p) => p.log) ? chosen : profiles);
  const maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH;

  let problem: LogInputProblem | null = null;
  const summaries: InputSummary[] = [];
  let order = inputs.map((_, i) => i);
  let inputOrder: LogReport['inputOrder'] = 'as-given';
  if (inputs.length > 1) {
    const firsts = await Promise.all(inputs.map((input) => firstTime(input, format, patterns).catch(() => undefined)));
    if (firsts.every((t) => t !== undefined)) {
      const sorted = orderByTime(firsts as FirstTime[]);
      if (sorted.some((v, i) => v !== order[i])) inputOrder = 'by-time';
      order = sorted;
    }
  }
  judge.setFiles(inputs.map((i) => i.name));

  let moves = 0;
  let seen = 0;
  const timeOrder = new TimeOrder((event) => {
    moves++;
    judge.observe(event);
  }, options.reorderWindow ?? 4096);
  let lines = 0;
  // One clock across the inputs, in the order judged: a rotated file that
  // ends in January hands its year on to the next.
  const clock = new YearClock();
  for (const index of order) {
    const input = inputs[index] as LogInput;
    const summary: InputSummary = { file: input.name, lines: 0, firstTime: null };
    summaries.push(summary);
    let lineNo = 0;
    try {
      const markers = format === 'jsonl' ? [] : patterns.markers;
      for await (const batch of readLines(input.open(), { maxLineLength, markers })) {
        lineNo = batch.total;
        for (let i = 0; i < batch.lines.length; i++) {
          const line = batch.lines[i] as string | OverlongLine;
          const at = batch.numbers[i] as number;
          if (typeof line !== 'string') {
            judge.overlongLine(index, at, line.overlong, maxLineLength);
            seen++;
            continue;
          }
          let parsed: LogLine;
          let time: number | undefined;
          let repeated: number | undefined;
          if (format === 'jsonl') {
            const read = parseJsonlLine(line);
            parsed = read.parsed;
            time = read.time;
          } else {
            const envelope = readEnvelope(line, format, clock);
            parsed = patterns.read(envelope.message);
            if (parsed?.kind === 'move' && parsed.host === undefined && envelope.host !== undefined) parsed.host = envelope.host;
            time = envelope.time;
            repeated = envelope.repeated;
          }
          if (!parsed) continue;
          seen++;
          if (time !== undefined && summary.firstTime === null) summary.firstTime = new Date(time).toISOString();
          if (parsed.kind === 'malformed') {
            judge.malformedLine(index, at, line, parsed.reason);
            continue;
          }
          // Every field set, in one order: one object shape on the hot path.
          const event: LogEvent = { input: index, line: at, text: line, move: parsed, time, repeated, order: 0 };
          timeOrder.push(event);
        }
      }
    } catch (error) {
      if (!(error instanceof LogInputError)) throw error;
      problem = {
        kind: error.kind,
        file: input.name,
        message: `${input.name}: ${error.message}${error.kind === 'truncated' ? ` (read ${lineNo} lines)` : ''}`,
      };
    }
    summary.lines = lineNo;
    lines += lineNo;
    if (problem) break;
  }
  timeOrder.flush();

  // Findings in the order of the inputs judged, then by line (moves wait in the time-order window; malformed lines do not).
  const rank = new Map(order.map((input, i) => [inputs[input]?.name, i]));
  judge.findings.sort((a, b) => (rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0) || a.line - b.line);
  const relationships = judge.summaries();
  if (!problem && lines > 0 && seen === 0) {
    problem = {
      kind: 'nothing-read',
      message: `no state change found in ${lines} line${lines === 1 ? '' : 's'}: no line matches the line patterns of ${patterns.profiles.join(', ') || 'any profile'}${format === 'jsonl' ? '' : ` (format ${format})`}`,
    };
  }
  if (!problem && options.peer !== undefined && relationships.length === 0 && seen > 0) {
    const names = [...judge.peersSeen].map(sanitize).sort();
    problem = {
      kind: 'unknown-peer',
      message: `no relationship "${sanitize(options.peer)}" in the log; relationships seen: ${names.join(', ') || 'none'}`,
    };
  }
  const sum = (key: 'violations' | 'roleConflicts' | 'accepted' | 'gaps') => relationships.reduce((n, r) => n + r[key], 0);
  const violations = sum('violations');
  const roleConflicts = sum('roleConflicts');
  return {
    format,
    profile: options.profile ?? null,
    patternsFrom: patterns.profiles,
    inputs: summaries,
    inputOrder,
    lines,
    moves,
    reordered: timeOrder.reordered,
    outOfOrderUnmended: timeOrder.tooLate,
    malformed: judge.malformed,
    gaps: sum('gaps'),
    violations,
    roleConflicts,
    accepted: sum('accepted'),
    untracked: judge.untracked,
    findings: judge.findings,
    findingsDropped: judge.findingsDropped,
    relationships,
    problem,
    ok: problem === null && violations === 0 && roleConflicts === 0,
  };
}

interface FirstTime {
  time: number;
  yearless: boolean;
}

const YEAR = Date.UTC(2001, 0, 1) - Date.UTC(2000, 0, 1);

/**
 * Input indexes in the order of their first times. Times without a year lie
 * on a circle: the order starts after the longest gap between two of them,
 * so files from December come before files from the January after.
 */
function orderByTime(firsts: readonly FirstTime[]): number[] {
  const sorted = firsts.map((_, i) => i).sort((a, b) => (firsts[a] as FirstTime).time - (firsts[b] as FirstTime).time || a - b);
  if (!firsts.some((f) => f.yearless) || sorted.length < 2) return sorted;
  const time = (i: number) => (firsts[sorted[i] as number] as FirstTime).time;
  let start = 0;
  let longest = time(0) + YEAR - time(sorted.length - 1);
  for (let i = 1; i < sorted.length; i++) {
    const gap = time(i) - time(i - 1);
    if (gap > longest) {
      longest = gap;
      start = i;
    }
  }
  return [...sorted.slice(start), ...sorted.slice(0, start)];
}

/** The time of the first state change of an input that carries one, reading at most a million lines. */
async function firstTime(input: LogInput, format: LogFormat, patterns: LinePatterns): Promise<FirstTime | undefined> {
  const stream = input.open();
  const clock = new YearClock();
  try {
    for await (const batch of readLines(stream, { markers: format === 'jsonl' ? [] : patterns.markers })) {
      if (batch.total > 1_000_000) return undefined;
      for (const line of batch.lines) {
        if (typeof line !== 'string') continue;
        if (format === 'jsonl') {
          const t = parseJsonlLine(line).time;
          if (t !== undefined) return { time: t, yearless: false };
          continue;
        }
        const envelope = readEnvelope(line, format, clock);
        if (envelope.time !== undefined) return { time: envelope.time, yearless: envelope.yearless === true };
      }
    }
    return undefined;
  } finally {
    stream.destroy();
  }
}
