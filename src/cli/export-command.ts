import { resolve } from 'node:path';
import type { Paint } from '../diagnostics/format.js';
import { resolveConfiguration } from '../explore/configuration.js';
import { generatePromela, type PromelaCheck } from '../export/promela.js';
import { writeFilesAtomically } from '../io/write-atomic.js';
import { didYouMean } from '../spec/suggest.js';
import { type CliIo, EXIT, type ExitCode, UsageError } from './cli-io.js';
import type { CliOptions } from './options.js';
import { loadModelOrReport } from './print.js';

export const EXPORT_FORMATS = ['promela'] as const;

/**
 * `fsmkit export promela`: the paired model of one configuration as a
 * Promela model for SPIN, on stdout or into --out.
 */
export async function runExport(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const format = options.target ?? '';
  if (!EXPORT_FORMATS.includes(format as (typeof EXPORT_FORMATS)[number])) {
    throw new UsageError(`cannot export to "${format}"`, didYouMean(format, EXPORT_FORMATS) ?? `formats: ${EXPORT_FORMATS.join(', ')}`);
  }
  const model = await loadModelOrReport(options.spec, io.cwd, io.stdout, paint, 'nothing exported');
  if (!model) return EXIT.failed;
  const names = (model.spec.configurations ?? []).map((c) => c.name);
  const name = options.config ?? names[0];
  if (name === undefined) throw new UsageError(`${options.spec} declares no configurations to export`);
  const config = resolveConfiguration(model, name);
  if (!config) throw new UsageError(`${options.spec} has no configuration "${name}"`, didYouMean(name, names) ?? `configurations: ${names.join(', ')}`);
  const check = promelaCheck(options.check, model.spec.properties ?? []);
  const relationships = options.relationships ?? config.shape.relationships;
  const k = relationships > 1 ? ` --relationships ${relationships}` : '';
  const banner = [
    `Exported by fsmkit from ${options.spec}, configuration ${config.name}${k ? `, ${relationships} relationships` : ''}${check.kind === 'none' ? '' : `, checking ${options.check}`}.`,
    `Regenerate with \`npx fsmkit export promela ${options.spec} --config ${config.name}${k}${options.check ? ` --check ${options.check}` : ''}\`.`,
  ];
  const text = generatePromela(model, config, { check, banner, relationships });
  if (options.out === undefined) {
    io.stdout(text);
    return EXIT.ok;
  }
  await writeFilesAtomically([{ path: resolve(io.cwd, options.out), contents: text }]);
  io.stderr(`wrote ${options.out}\n`);
  return EXIT.ok;
}

function promelaCheck(name: string | undefined, properties: readonly { name: string; kind: string }[]): PromelaCheck {
  if (name === undefined || name === 'none') return { kind: 'none' };
  const property = properties.find((p) => p.name === name);
  if (property?.kind === 'invariant') return { kind: 'invariant', property: name };
  if (property?.kind === 'no-stuck') return { kind: 'no-stuck' };
  const usable = properties.filter((p) => p.kind === 'invariant' || p.kind === 'no-stuck').map((p) => p.name);
  throw new UsageError(
    `--check takes an invariant or no-stuck property, not "${name}"`,
    didYouMean(name, usable) ?? `usable here: ${usable.join(', ') || 'none'}`,
  );
}
