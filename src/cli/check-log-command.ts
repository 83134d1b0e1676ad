import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Paint } from '../diagnostics/format.js';
import { checkLog, LOG_FORMATS, type LogFormat } from '../log/check-log.js';
import { formatLogReport } from '../log/format-log-report.js';
import type { FindingClass, LogFinding } from '../log/judge-log.js';
import { openLog } from '../log/read-lines.js';
import { didYouMean } from '../spec/suggest.js';
import { type Finding, formatGithubAnnotations, formatSarif } from './annotations.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './cli-io.js';
import { version } from './help.js';
import type { CliOptions } from './options.js';
import { loadModelOrReport } from './print.js';

/** `fsmkit check-log <file|->`: judge a server's failover log against the spec. */
export async function runCheckLog(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const logPath = options.log ?? '-';
  const format = (options.logFormat ?? 'isc') as LogFormat;
  if (!LOG_FORMATS.includes(format))
    throw new UsageError(
      `--log-format takes ${LOG_FORMATS.join(' or ')}, not "${format}"`,
      didYouMean(format, LOG_FORMATS) ?? `formats: ${LOG_FORMATS.join(', ')}`,
    );
  const model = await loadModelOrReport(options.spec, io.cwd, io.stdout, paint, 'no log checked');
  if (!model) return EXIT.failed;
  if (options.role !== undefined && !model.roles.includes(options.role)) {
    throw new UsageError(`--role takes ${model.roles.join(' or ')}, not "${options.role}"`, didYouMean(options.role, model.roles));
  }
  const profiles = (model.spec.profiles ?? []).map((p) => p.name);
  if (options.profile !== undefined && !profiles.includes(options.profile)) {
    throw new UsageError(
      `${options.spec} declares no profile "${options.profile}"`,
      didYouMean(options.profile, profiles) ?? `profiles: ${profiles.join(', ') || 'none'}`,
    );
  }
  const path = logPath === '-' ? '-' : resolve(io.cwd, logPath);
  if (path !== '-') {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) {
      io.stderr(`fsmkit: cannot read the log ${logPath}: ${info ? 'it is not a file' : 'no such file'}\n`);
      return EXIT.usage;
    }
  }
  const judgeOptions: Parameters<typeof checkLog>[2] = { format };
  if (options.role !== undefined) judgeOptions.role = options.role;
  if (options.peer !== undefined) judgeOptions.peer = options.peer;
  if (options.profile !== undefined) judgeOptions.profile = options.profile;
  let report: Awaited<ReturnType<typeof checkLog>>;
  try {
    report = await checkLog(model, openLog(path), judgeOptions);
  } catch (error) {
    io.stderr(`fsmkit: cannot read the log ${logPath}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  if (options.output === 'github' || options.output === 'sarif') {
    const findings = logFindings(report.findings, logPath === '-' ? 'stdin' : relative(io.cwd, path) || logPath);
    io.stdout(
      options.output === 'github' ? formatGithubAnnotations(findings) : formatSarif(findings, { name: 'fsmkit', version: version(), rules: LOG_RULES }),
    );
    return report.ok ? EXIT.ok : EXIT.failed;
  }
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatLogReport(report, logPath, paint));
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** What each class of log finding means, for SARIF's rule list. */
const LOG_RULES: Record<`log-${FindingClass}`, string> = {
  'log-violation': 'a state change the spec does not allow',
  'log-deviation': 'a move the draft does not allow but a known implementation makes (accept it with --profile)',
  'log-gap': 'the log moves from a state other than the last one seen; lines may be missing',
  'log-malformed': 'a line that looks like a state change but could not be read',
};

const LEVEL: Record<FindingClass, Finding['level']> = { violation: 'error', deviation: 'warning', gap: 'warning', malformed: 'warning' };

/** Log findings placed at their log line; the relationship is named in the message. */
function logFindings(found: readonly LogFinding[], file: string): Finding[] {
  return found.map((f) => ({
    rule: `log-${f.class}`,
    level: LEVEL[f.class],
    message: f.peer ? `${f.peer}: ${f.message}` : f.message,
    file: file.replace(/\\/g, '/'),
    line: f.line,
  }));
}
