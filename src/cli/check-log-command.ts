import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paint } from '../diagnostics/format.js';
import { type CheckLogOptions, checkLog, LOG_FORMATS, type LogFormat, type LogInput, type LogReport } from '../log/check-log.js';
import { formatLogReport } from '../log/format-log-report.js';
import type { FindingClass, GivenRoles, LogFinding } from '../log/judge-log.js';
import { openLog } from '../log/read-lines.js';
import { loadSpec } from '../model/check-spec.js';
import { didYouMean } from '../spec/suggest.js';
import { type Finding, formatGithubAnnotations, formatSarif } from './annotations.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './cli-io.js';
import { DEFAULT_SPEC, version } from './help.js';
import type { CliOptions } from './options.js';
import { printDiagnostics } from './print.js';

/** `fsmkit check-log <file...|->`: judge servers' logs against the spec. */
export async function runCheckLog(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const logPaths = options.logs ?? ['-'];
  const format = (options.logFormat ?? 'auto') as LogFormat;
  if (!LOG_FORMATS.includes(format))
    throw new UsageError(
      `--log-format takes ${LOG_FORMATS.join(', ')}, not "${format}"`,
      didYouMean(format, LOG_FORMATS) ?? `formats: ${LOG_FORMATS.join(', ')}`,
    );
  const fail = (kind: string, message: string, code: ExitCode): ExitCode => {
    if (options.json) io.stdout(`${JSON.stringify({ ok: false, problem: { kind, message } }, null, 2)}\n`);
    io.stderr(`fsmkit: ${message}\n`);
    return code;
  };

  const specPath = bundledOr(options.spec, io.cwd);
  const checked = await loadSpec(options.spec, specPath);
  if (!checked.model) {
    if (options.json)
      io.stdout(
        `${JSON.stringify({ ok: false, problem: { kind: 'invalid-spec', message: `${options.spec}: invalid spec, no log checked` }, diagnostics: checked.diagnostics }, null, 2)}\n`,
      );
    else {
      printDiagnostics(checked.diagnostics, checked, io.stdout, paint);
      io.stdout(`${options.spec}: invalid spec, no log checked\n`);
    }
    return EXIT.failed;
  }
  const model = checked.model;
  const roles = parseRoles(options.role ?? [], model.roles);
  const profiles = (model.spec.profiles ?? []).map((p) => p.name);
  if (options.profile !== undefined && !profiles.includes(options.profile)) {
    throw new UsageError(
      `${options.spec} declares no profile "${options.profile}"`,
      didYouMean(options.profile, profiles) ?? `profiles: ${profiles.join(', ') || 'none'}`,
    );
  }
  const inputs: LogInput[] = [];
  for (const logPath of logPaths) {
    const path = logPath === '-' ? '-' : resolve(io.cwd, logPath);
    if (path !== '-') {
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return fail('unreadable', `cannot read the log ${logPath}: ${info ? 'it is not a file' : 'no such file'}`, EXIT.usage);
    }
    inputs.push({ name: logPath, open: () => openLog(path) });
  }
  const judgeOptions: CheckLogOptions = { format };
  if (roles) judgeOptions.roles = roles;
  if (options.peer !== undefined) judgeOptions.peer = options.peer;
  if (options.profile !== undefined) judgeOptions.profile = options.profile;
  const report: LogReport = await checkLog(model, inputs, judgeOptions);
  if (options.output === 'github' || options.output === 'sarif') {
    const findings = logFindings(report.findings, io.cwd);
    io.stdout(
      options.output === 'github' ? formatGithubAnnotations(findings) : formatSarif(findings, { name: 'fsmkit', version: version(), rules: LOG_RULES }),
    );
  } else io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatLogReport(report, paint));
  if (report.problem) {
    io.stderr(`fsmkit: ${report.problem.message}\n`);
    return EXIT.usage;
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}

/**
 * The default spec resolves against the current folder first, then the
 * copy shipped with fsmkit, so check-log works from any folder.
 */
function bundledOr(spec: string, cwd: string): string {
  const local = resolve(cwd, spec);
  if (spec !== DEFAULT_SPEC || existsSync(local)) return local;
  return fileURLToPath(new URL(`../../${DEFAULT_SPEC}`, import.meta.url));
}

/** `--role primary`, `--role lan=primary`, `--role host1:lan=secondary`. */
function parseRoles(values: readonly string[], roles: readonly string[]): GivenRoles | undefined {
  if (values.length === 0) return undefined;
  const given: GivenRoles = {};
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    const key = eq < 0 ? undefined : value.slice(0, eq);
    const role = eq < 0 ? value : value.slice(eq + 1);
    if (!roles.includes(role))
      throw new UsageError(`--role takes ${roles.join(' or ')}, not "${role}"`, didYouMean(role, roles) ?? 'write --role ROLE or --role NAME=ROLE');
    if (key === undefined) given.all = role;
    else if (key === '') throw new UsageError(`--role ${value} names no relationship or host`, `write --role NAME=${role}`);
    else given.by = { ...given.by, [key]: role };
  }
  return given;
}

/** What each class of log finding means, for SARIF's rule list. */
const LOG_RULES: Record<`log-${FindingClass}`, string> = {
  'log-violation': 'a state change the spec does not allow',
  'log-role-conflict': 'a role given on the command line that the log contradicts',
  'log-gap': 'the log moves from a state other than the last one seen; lines may be missing',
  'log-malformed': 'a line that looks like a state change but could not be read',
  'log-overlong': 'a line too long to read, skipped',
  'log-untracked': 'a relationship beyond the number followed, counted but not judged',
};

const LEVEL: Record<FindingClass, Finding['level']> = {
  violation: 'error',
  'role-conflict': 'error',
  gap: 'warning',
  malformed: 'warning',
  overlong: 'warning',
  untracked: 'warning',
};

/** Log findings placed at their file and line; the relationship is named in the message. */
function logFindings(found: readonly LogFinding[], cwd: string): Finding[] {
  return found.map((f) => ({
    rule: `log-${f.class}`,
    level: LEVEL[f.class],
    message: f.peer ? `${f.peer}: ${f.message}` : f.message,
    file: (f.file === '-' ? 'stdin' : relative(cwd, resolve(cwd, f.file)) || f.file).replace(/\\/g, '/'),
    line: f.line,
  }));
}
