import { relative } from 'node:path';
import type { Paint } from '../diagnostics/format.js';
import type { MatrixReport } from '../explore/run-explorer.js';
import { checkProject, generateProject, type ProjectOptions } from '../pipeline/project.js';
import { verdictGate } from '../pipeline/verdict-gate.js';
import type { CheckedSpec } from '../spec/check-spec.js';
import { type CliIo, EXIT, type ExitCode } from './cli-io.js';
import type { CliOptions } from './main.js';
import { printDiagnostics } from './print.js';

function projectOptions(options: CliOptions, io: CliIo): ProjectOptions {
  const project: ProjectOptions = { specFile: options.spec, root: io.cwd };
  if (options.out !== undefined) project.outDir = options.out;
  return project;
}

function summary(checked: CheckedSpec): string {
  const spec = checked.spec;
  return spec ? `${spec.states.length} states, ${spec.rules.length} rules, ${spec.events.length} events` : '';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `fsmkit check`: validate the spec and compare the generated files. */
export async function runCheck(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const result = await checkProject(projectOptions(options, io));
  if (options.json) {
    io.stdout(
      `${JSON.stringify({ spec: options.spec, ok: result.ok, diagnostics: result.diagnostics, outputs: result.artifacts.map((a) => a.path) }, null, 2)}\n`,
    );
    return result.ok ? EXIT.ok : EXIT.failed;
  }
  printDiagnostics(result.diagnostics, result.checked, io.stdout, paint);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (result.ok) {
    const outputs = result.outDir !== undefined ? `; ${count(result.artifacts.length, 'generated file')} up to date` : '';
    io.stdout(`${options.spec}: ok (${summary(result.checked)}${outputs})\n`);
    return EXIT.ok;
  }
  io.stdout(`${options.spec}: ${count(errors, 'problem')} found\n`);
  return EXIT.failed;
}

/** `fsmkit generate`: write every artifact, or nothing when the spec is invalid. */
export async function runGenerate(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const result = await generateProject(projectOptions(options, io));
  const written = result.written.map((p) => relative(io.cwd, p) || p);
  if (options.json) {
    io.stdout(`${JSON.stringify({ spec: options.spec, ok: result.ok, diagnostics: result.diagnostics, written }, null, 2)}\n`);
    return result.ok ? EXIT.ok : EXIT.failed;
  }
  if (!result.ok) {
    printDiagnostics(result.diagnostics, result.checked, io.stdout, paint);
    io.stdout(`${options.spec}: nothing written, ${count(result.diagnostics.length, 'problem')} found\n`);
    return EXIT.failed;
  }
  for (const file of written) io.stdout(`wrote ${file}\n`);
  return EXIT.ok;
}

/** `fsmkit start`: the main job on a spec: check it, explore every configuration, then generate. */
export async function runStart(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const generated = await generateProject(projectOptions(options, io));
  if (!generated.ok) {
    printDiagnostics(generated.diagnostics, generated.checked, io.stdout, paint);
    io.stdout(`${options.spec}: stopped, ${count(generated.diagnostics.length, 'problem')} found\n`);
    return EXIT.failed;
  }
  const gate = verdictGate(generated.checked);
  const written = generated.written.map((p) => relative(io.cwd, p) || p);
  const ok = gate.diagnostics.length === 0;
  if (options.json) {
    io.stdout(`${JSON.stringify({ spec: options.spec, ok, written, exploration: gate.report ?? null, diagnostics: gate.diagnostics }, null, 2)}\n`);
    return ok ? EXIT.ok : EXIT.failed;
  }
  io.stdout(`${options.spec}: valid (${summary(generated.checked)})\n`);
  if (gate.report) {
    const largest = Math.max(...gate.report.configurations.map((c) => c.states));
    const verdicts = ok ? 'every verdict as expected' : paint('error', `${count(gate.diagnostics.length, 'unexpected verdict')}`);
    io.stdout(`explored ${count(gate.report.configurations.length, 'configuration')} (at most ${largest} pair states): ${verdicts}\n`);
    for (const line of violationLines(gate.report)) io.stdout(`  ${line}\n`);
  }
  io.stdout(`generated ${count(written.length, 'file')}: ${written.join(', ')}\n`);
  if (!ok) {
    printDiagnostics(gate.diagnostics, generated.checked, io.stdout, paint);
    return EXIT.failed;
  }
  return EXIT.ok;
}

/** One line per property that some configuration violates, naming those configurations. */
function violationLines(report: MatrixReport): string[] {
  const byProperty = new Map<string, string[]>();
  for (const c of report.configurations) {
    for (const v of c.verdicts) {
      if (v.kind === 'reachability' || v.status === 'holds') continue;
      byProperty.set(v.property, [...(byProperty.get(v.property) ?? []), c.configuration]);
    }
  }
  return [...byProperty].map(([property, configs]) => `${property} is violated in ${configs.join(', ')}`);
}
