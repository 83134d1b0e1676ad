import { relative, resolve } from 'node:path';
import type { Paint } from '../diagnostics/format.js';
import { findBrowser, renderDiagrams } from '../diagram/render.js';
import { DEFAULT_EXPLORE_OPTIONS } from '../explore/explore.js';
import type { MatrixReport } from '../explore/run-explorer.js';
import { writeFilesAtomically } from '../io/write-atomic.js';
import type { CheckedSpec } from '../model/check-spec.js';
import { checkProject, generateProject, type OutputGroup, type ProjectOptions } from '../pipeline/project.js';
import { findingsOfDiagnostics, formatGithubAnnotations, formatSarif } from './annotations.js';
import { type CliIo, EXIT, type ExitCode } from './cli-io.js';
import { version } from './help.js';
import type { CliOptions } from './options.js';
import { printDiagnostics } from './print.js';

function projectOptions(options: CliOptions, io: CliIo): ProjectOptions {
  const project: ProjectOptions = { specFile: options.spec, root: io.cwd };
  if (options.out !== undefined) project.outDir = options.out;
  if (options.workers !== undefined) project.explore = { ...DEFAULT_EXPLORE_OPTIONS, workers: options.workers };
  return project;
}

/** What --out does with the docs, said when the spec has docs: they are left out (they belong to outputs.docs.dir). */
function outNote(options: CliOptions, checked: CheckedSpec, verb: string): string | undefined {
  const docs = checked.spec?.outputs?.docs?.dir;
  if (options.out === undefined || docs === undefined) return undefined;
  return `fsmkit: --out covers the generated code only; the docs pages and diagrams (outputs.docs.dir: ${docs}) were not ${verb}\n`;
}

function summary(checked: CheckedSpec): string {
  const spec = checked.spec;
  return spec ? `${spec.states.length} states, ${spec.rules.length} rules, ${spec.events.length} events` : '';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const fileCount = (groups: readonly OutputGroup[]) => groups.reduce((n, g) => n + g.artifacts.length, 0);

/** `fsmkit check`: validate the spec, check every verdict, compare the generated files and pages. */
export async function runCheck(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const result = await checkProject(projectOptions(options, io));
  if (options.output === 'github' || options.output === 'sarif') {
    const findings = findingsOfDiagnostics(result.diagnostics);
    io.stdout(options.output === 'github' ? formatGithubAnnotations(findings) : formatSarif(findings, { name: 'fsmkit', version: version() }));
    return result.ok ? EXIT.ok : EXIT.failed;
  }
  if (options.json) {
    const outputs = result.groups.flatMap((g) => g.artifacts.map((a) => relative(io.cwd, resolve(g.dir, a.path))));
    io.stdout(`${JSON.stringify({ spec: options.spec, ok: result.ok, diagnostics: result.diagnostics, outputs }, null, 2)}\n`);
    return result.ok ? EXIT.ok : EXIT.failed;
  }
  printDiagnostics(result.diagnostics, result.checked, io.stdout, paint);
  const docsLeftOut = outNote(options, result.checked, 'compared');
  if (docsLeftOut) io.stderr(docsLeftOut);
  if (result.ok) {
    const verdicts = result.matrix ? `; ${count(result.matrix.configurations.length, 'configuration')} with the expected verdicts` : '';
    const scenarios = result.scenarios.length ? `; ${count(result.scenarios.length, 'scenario')} as written` : '';
    const outputs = result.groups.length ? `; ${count(fileCount(result.groups), 'generated file')} up to date` : '';
    io.stdout(`${options.spec}: ok (${summary(result.checked)}${verdicts}${scenarios}${outputs})\n`);
    return EXIT.ok;
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  io.stdout(`${options.spec}: ${count(errors, 'problem')} found\n`);
  return EXIT.failed;
}

/** `fsmkit generate`: write every artifact and page, or nothing when the spec is invalid. */
export async function runGenerate(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const result = await generateProject(projectOptions(options, io));
  const written = result.written.map((p) => relative(io.cwd, p) || p);
  if (options.json) {
    io.stdout(`${JSON.stringify({ spec: options.spec, ok: result.ok, diagnostics: result.diagnostics, written }, null, 2)}\n`);
    return result.ok ? EXIT.ok : EXIT.failed;
  }
  printDiagnostics(result.diagnostics, result.checked, io.stdout, paint);
  if (written.length === 0) {
    io.stdout(`${options.spec}: nothing written, ${count(result.diagnostics.length, 'problem')} found\n`);
    return EXIT.failed;
  }
  for (const file of written) io.stdout(`wrote ${file}\n`);
  const docsLeftOut = outNote(options, result.checked, 'written');
  if (docsLeftOut) io.stderr(docsLeftOut);
  return result.ok ? EXIT.ok : EXIT.failed;
}

/**
 * Renders the Mermaid sources of the docs group to SVG (and PNG with
 * --png) in one browser session. Without a browser it says so in one line
 * and renders nothing; everything else is already written.
 */
async function renderGroup(
  groups: readonly OutputGroup[],
  options: CliOptions,
  io: CliIo,
): Promise<{ rendered: string[]; failures: string[]; skipped?: string }> {
  const diagrams = groups.flatMap((g) => g.artifacts.filter((a) => a.path.endsWith('.mmd')).map((a) => ({ group: g, artifact: a })));
  if (diagrams.length === 0) return { rendered: [], failures: [] };
  const browser = await findBrowser(io.env);
  if (!browser.path) {
    return {
      rendered: [],
      failures: [],
      skipped: `no Chrome or Chromium found, SVG skipped (set FSMKIT_BROWSER, or install one: apt-get install chromium); looked at ${browser.tried.join(', ')}`,
    };
  }
  const rendered: string[] = [];
  const failures: string[] = [];
  for (const group of groups) {
    const mine = diagrams.filter((d) => d.group === group).map((d) => d.artifact);
    if (mine.length === 0) continue;
    const result = await renderDiagrams(mine, browser.path, options.png ? ['svg', 'png'] : ['svg']);
    await writeFilesAtomically(result.artifacts.map((a) => ({ path: resolve(group.dir, a.path), contents: a.contents })));
    rendered.push(...result.artifacts.map((a) => relative(io.cwd, resolve(group.dir, a.path))));
    failures.push(...result.failures.map((f) => `${f.path}: ${f.message}`));
  }
  return { rendered, failures };
}

/** `fsmkit diagrams`: write the Mermaid sources and pages, then render them to SVG. */
export async function runDiagrams(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const generated = await generateProject(projectOptions(options, io));
  if (generated.written.length === 0) {
    if (options.json) {
      io.stdout(`${JSON.stringify({ spec: options.spec, ok: false, diagnostics: generated.diagnostics, written: [], rendered: [], failures: [] }, null, 2)}\n`);
      return EXIT.failed;
    }
    printDiagnostics(generated.diagnostics, generated.checked, io.stdout, paint);
    io.stdout(`${options.spec}: nothing written\n`);
    return EXIT.failed;
  }
  const render = await renderGroup(generated.groups, options, io);
  if (render.skipped) io.stderr(`fsmkit: ${render.skipped}\n`);
  const ok = render.failures.length === 0 && generated.ok;
  if (options.json) {
    const written = generated.written.map((p) => relative(io.cwd, p));
    const result = { spec: options.spec, ok, diagnostics: generated.diagnostics, written, rendered: render.rendered, failures: render.failures };
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return ok ? EXIT.ok : EXIT.failed;
  }
  for (const file of generated.written.filter((f) => f.endsWith('.mmd'))) io.stdout(`wrote ${relative(io.cwd, file)}\n`);
  for (const file of render.rendered) io.stdout(`rendered ${file}\n`);
  for (const failure of render.failures) io.stderr(`fsmkit: could not render ${failure}\n`);
  return ok ? EXIT.ok : EXIT.failed;
}

/** `fsmkit start`: the main job on a spec: check, explore, generate code, docs and diagrams, render SVG when a browser exists. */
export async function runStart(options: CliOptions, io: CliIo, paint: Paint): Promise<ExitCode> {
  const started = performance.now();
  const generated = await generateProject(projectOptions(options, io));
  if (generated.written.length === 0) {
    printDiagnostics(generated.diagnostics, generated.checked, io.stdout, paint);
    io.stdout(`${options.spec}: stopped, ${count(generated.diagnostics.length, 'problem')} found\n`);
    return EXIT.failed;
  }
  const render = options.svg === false ? { rendered: [], failures: [], skipped: 'SVG skipped (--no-svg)' } : await renderGroup(generated.groups, options, io);
  const ok = generated.ok && render.failures.length === 0;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (options.json) {
    const written = generated.written.map((p) => relative(io.cwd, p));
    io.stdout(
      `${JSON.stringify({ spec: options.spec, ok, written, rendered: render.rendered, exploration: generated.matrix ?? null, diagnostics: generated.diagnostics }, null, 2)}\n`,
    );
    return ok ? EXIT.ok : EXIT.failed;
  }
  io.stdout(`${options.spec}: valid (${summary(generated.checked)})\n`);
  if (generated.matrix) {
    const largest = Math.max(...generated.matrix.configurations.map((c) => c.states));
    const unexpected = generated.diagnostics.filter((d) => d.code === 'UNEXPECTED_VERDICT').length;
    const verdicts = unexpected === 0 ? 'every verdict as expected' : paint('error', count(unexpected, 'unexpected verdict'));
    io.stdout(`explored ${count(generated.matrix.configurations.length, 'configuration')} (at most ${largest} states): ${verdicts}\n`);
    for (const line of violationLines(generated.matrix)) io.stdout(`  ${line}\n`);
  }
  for (const group of generated.groups) io.stdout(`wrote ${count(group.artifacts.length, 'file')} to ${relative(io.cwd, group.dir) || '.'}\n`);
  if (render.rendered.length) io.stdout(`rendered ${count(render.rendered.filter((f) => !f.endsWith('.html')).length, 'diagram')} (SVG)\n`);
  if (render.skipped) io.stderr(`fsmkit: ${render.skipped}\n`);
  for (const failure of render.failures) io.stderr(`fsmkit: could not render ${failure}\n`);
  io.stdout(`done in ${seconds} s\n`);
  if (!generated.ok) printDiagnostics(generated.diagnostics, generated.checked, io.stdout, paint);
  return ok ? EXIT.ok : EXIT.failed;
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
