import type { Paint } from '../diagnostics/format.js';
import { resolveConfiguration } from '../explore/configuration.js';
import { DEFAULT_EXPLORE_OPTIONS, type ExploreOptions, type ExploreProgress, type Shape } from '../explore/explore.js';
import { formatConfiguration, formatMatrix } from '../explore/format-report.js';
import { exploreConfiguration, exploreMatrix, shapeOf } from '../explore/run-explorer.js';
import { didYouMean } from '../spec/suggest.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './cli-io.js';
import type { CliOptions } from './options.js';
import { loadModelOrReport } from './print.js';

/** `fsmkit explore`: the paired explorer, one configuration or the whole matrix. */
export async function runExplore(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const model = await loadModelOrReport(options.spec, io.cwd, io.stdout, paint, 'nothing explored');
  if (!model) return EXIT.failed;
  if (!model.spec.pair)
    throw new UsageError(`${options.spec} declares no \`pair\`, so there is nothing to explore`, 'add `pair: { initial: ..., goal: ... }` to the spec');
  const names = (model.spec.configurations ?? []).map((c) => c.name);
  const exploreOptions = limits(options, io);

  if (options.config !== undefined) {
    const config = resolveConfiguration(model, options.config);
    if (!config)
      throw new UsageError(
        `${options.spec} has no configuration "${options.config}"`,
        didYouMean(options.config, names) ?? `configurations: ${names.join(', ')}`,
      );
    const report = exploreConfiguration(model, config, exploreOptions, shapeFrom(options) ?? shapeOf(config));
    clearProgress(io);
    io.stdout(
      options.json
        ? `${JSON.stringify({ spec: model.spec.name, configurations: [report], ok: report.ok }, null, 2)}\n`
        : formatConfiguration(report, model.roles, paint),
    );
    return report.ok ? EXIT.ok : EXIT.failed;
  }
  if (names.length === 0) throw new UsageError(`${options.spec} declares no configurations`, 'add `configurations:` to the spec');
  const report = exploreMatrix(model, exploreOptions, shapeFrom(options));
  clearProgress(io);
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatMatrix(report, paint));
  return report.ok ? EXIT.ok : EXIT.failed;
}

/** The shape the command line asks for: --relationships K (any K, so K = 1 can be timed on the same engine). */
function shapeFrom(options: CliOptions): Shape | undefined {
  if (options.relationships === undefined) {
    if (options.symmetry !== undefined) throw new UsageError('--symmetry and --no-symmetry need --relationships');
    return undefined;
  }
  return { relationships: options.relationships, symmetry: options.symmetry ?? true };
}

function limits(options: CliOptions, io: CliIo): ExploreOptions {
  const resolved: ExploreOptions = { ...DEFAULT_EXPLORE_OPTIONS };
  if (options.maxStates !== undefined) resolved.maxStates = options.maxStates;
  if (options.maxMemoryMb !== undefined) resolved.maxBytes = options.maxMemoryMb * 1024 * 1024;
  if (options.workers !== undefined) resolved.workers = options.workers;
  // Progress only where a person watches; piped output stays clean.
  if (io.stderrIsTty) resolved.onProgress = (p) => showProgress(io, p);
  return resolved;
}

function showProgress(io: CliIo, p: ExploreProgress): void {
  const where = p.configuration ? `[${p.configuration.index}/${p.configuration.count} ${p.configuration.name}] ` : '';
  if (p.checking) {
    const percent = Math.floor((p.checking.settled / Math.max(1, p.states)) * 100);
    io.stderr(`\r\u001b[2K${where}checking ${p.checking.property}: ${percent}% of ${p.states} states settled`);
    return;
  }
  const rate = p.elapsedMs > 0 ? Math.round((p.states / p.elapsedMs) * 1000) : 0;
  io.stderr(`\r\u001b[2K${where}exploring: ${p.states} states, ${rate} states/s, queue ${p.queued}, depth ${p.depth}`);
}

function clearProgress(io: CliIo): void {
  if (io.stderrIsTty) io.stderr('\r\u001b[2K');
}
