import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Paint } from '../diagnostics/format.js';
import { checkLog, LOG_FORMATS, type LogFormat } from '../log/check-log.js';
import { formatLogReport } from '../log/format-log-report.js';
import { openLog } from '../log/read-lines.js';
import { didYouMean } from '../spec/suggest.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './cli-io.js';
import type { CliOptions } from './main.js';
import { loadModelOrReport } from './print.js';

/** `fsmkit check-log <file|->`: judge a server's failover log against the spec. */
export async function runCheckLog(logPath: string, options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const format = (options.format ?? 'isc') as LogFormat;
  if (!LOG_FORMATS.includes(format))
    throw new UsageError(`unknown log format "${format}"`, didYouMean(format, LOG_FORMATS) ?? `formats: ${LOG_FORMATS.join(', ')}`);
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
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatLogReport(report, logPath, paint));
  return report.ok ? EXIT.ok : EXIT.failed;
}
