import { resolve } from 'node:path';
import type { Artifact } from '../codegen/artifact.js';
import { generate } from '../codegen/generate.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { compareOutputs, resolveOutputDir, specLabel } from '../io/output-plan.js';
import { writeFilesAtomically } from '../io/write-atomic.js';
import { type CheckedSpec, loadSpec } from '../spec/check-spec.js';

/** Where a job runs: the spec to read and the project it belongs to. */
export interface ProjectOptions {
  /** Path of the spec file. */
  specFile: string;
  /** The project folder: banners name the spec relative to it, outputs must stay inside it. */
  root: string;
  /** Output folder instead of the one the spec names (relative to `root`). */
  outDir?: string;
}

/** The result of `checkProject`: the checked spec, its artifacts, and every problem. */
export interface ProjectCheck {
  checked: CheckedSpec;
  /** Output folder, when the spec or the options name one. */
  outDir?: string;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  ok: boolean;
}

/**
 * Checks a spec and, when it is valid, regenerates every artifact in memory
 * and compares them with the output folder: the gate that keeps spec and
 * generated files in step.
 * @example
 * const result = await checkProject({ specFile: 'spec/dhcpv4-failover.yaml', root: process.cwd() });
 * if (!result.ok) for (const d of result.diagnostics) console.log(d.message);
 */
export async function checkProject(options: ProjectOptions): Promise<ProjectCheck> {
  const prepared = await prepare(options);
  const { checked, outDir, artifacts } = prepared;
  const diagnostics = [...prepared.diagnostics];
  if (outDir !== undefined && checked.spec) {
    const fix = `npx fsmkit generate ${specLabel(options.specFile, options.root)}`;
    diagnostics.push(...(await compareOutputs(outDir, artifacts, fix)));
  }
  const sorted = sortDiagnostics(diagnostics);
  const result: ProjectCheck = { checked, artifacts, diagnostics: sorted, ok: !hasErrors(sorted) };
  if (outDir !== undefined) result.outDir = outDir;
  return result;
}

/** The result of `generateProject`: what was written where. */
export interface ProjectGenerate {
  checked: CheckedSpec;
  outDir?: string;
  written: string[];
  diagnostics: Diagnostic[];
  ok: boolean;
}

/**
 * Checks the spec and writes every artifact into the output folder, all at
 * once and atomically. Nothing is written when the spec has errors.
 */
export async function generateProject(options: ProjectOptions): Promise<ProjectGenerate> {
  const { checked, outDir, artifacts, diagnostics } = await prepare(options);
  const failed = { checked, written: [], diagnostics, ok: false };
  if (!checked.spec || hasErrors(diagnostics)) return failed;
  if (outDir === undefined) {
    const noDir: Diagnostic = {
      code: 'MISSING_FIELD',
      severity: 'error',
      message: 'the spec names no output folder and none was given',
      file: options.specFile,
      start: { line: 1, col: 1 },
      hint: 'add `outputs: { dir: ../generated }` to the spec, or pass --out <dir>',
    };
    return { ...failed, diagnostics: [noDir] };
  }
  await writeFilesAtomically(artifacts.map((a) => ({ path: resolve(outDir, a.path), contents: a.contents })));
  return { checked, outDir, written: artifacts.map((a) => resolve(outDir, a.path)), diagnostics, ok: true };
}

async function prepare(options: ProjectOptions): Promise<{ checked: CheckedSpec; outDir?: string; artifacts: Artifact[]; diagnostics: Diagnostic[] }> {
  const checked = await loadSpec(options.specFile);
  const diagnostics = [...checked.diagnostics];
  if (!checked.spec) return { checked, artifacts: [], diagnostics };
  const planned = resolveOutputDir(options.specFile, checked.spec.outputs?.dir, options.outDir, options.root);
  if (planned.error) {
    diagnostics.push({
      code: 'INVALID_VALUE',
      severity: 'error',
      message: planned.error,
      file: options.specFile,
      start: { line: 1, col: 1 },
      hint: 'write generated files inside the project: change `outputs.dir` or --out',
    });
    return { checked, artifacts: [], diagnostics };
  }
  const artifacts = generate(checked.spec, { specLabel: specLabel(options.specFile, options.root) });
  const prepared: { checked: CheckedSpec; outDir?: string; artifacts: Artifact[]; diagnostics: Diagnostic[] } = { checked, artifacts, diagnostics };
  if (planned.dir !== undefined) prepared.outDir = planned.dir;
  return prepared;
}
