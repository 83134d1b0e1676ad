import { dirname, resolve } from 'node:path';
import type { Artifact } from '../codegen/artifact.js';
import { generate } from '../codegen/generate.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { ExploreOptions } from '../explore/explore.js';
import { compareOutputs, resolveOutputDir, specLabel } from '../io/output-plan.js';
import { writeFilesAtomically } from '../io/write-atomic.js';
import { type CheckedSpec, loadSpec } from '../spec/check-spec.js';
import { verdictGate } from './verdict-gate.js';

/** Where a job runs: the spec to read and the project it belongs to. */
export interface ProjectOptions {
  /** Path of the spec file. */
  specFile: string;
  /** The project folder: banners name the spec relative to it, outputs must stay inside it. */
  root: string;
  /** Output folder instead of the one the spec names (relative to `root`). */
  outDir?: string;
  /** Limits for the explorations `checkProject` runs. */
  explore?: ExploreOptions;
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
 * Checks a spec and, when it is valid, explores every configuration (each
 * verdict must be the expected one), regenerates every artifact in memory
 * and compares them with the output folder: the gate that keeps spec,
 * verdicts and generated files in step.
 * @example
 * const result = await checkProject({ specFile: 'spec/dhcpv4-failover.yaml', root: process.cwd() });
 * if (!result.ok) for (const d of result.diagnostics) console.log(d.message);
 */
export async function checkProject(options: ProjectOptions): Promise<ProjectCheck> {
  const prepared = await prepare(options, false);
  const { checked, outDir, artifacts } = prepared;
  const diagnostics = [...prepared.diagnostics];
  diagnostics.push(...verdictGate(checked, options.explore).diagnostics);
  if (outDir !== undefined && checked.spec) {
    const fix = `npx fsmkit generate ${options.specFile}`;
    diagnostics.push(...(await compareOutputs(outDir, artifacts, fix, options.root)));
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
  const { checked, outDir, artifacts, diagnostics } = await prepare(options, true);
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
  try {
    await writeFilesAtomically(artifacts.map((a) => ({ path: resolve(outDir, a.path), contents: a.contents })));
  } catch (error) {
    const cannot: Diagnostic = {
      code: 'OUTPUT_UNWRITABLE',
      severity: 'error',
      message: `cannot write the generated files: ${(error as Error).message}`,
      file: options.specFile,
      start: { line: 1, col: 1 },
      hint: `check that ${outDir} is a writable folder; nothing was changed`,
    };
    return { ...failed, outDir, diagnostics: [cannot] };
  }
  return { checked, outDir, written: artifacts.map((a) => resolve(outDir, a.path)), diagnostics, ok: true };
}

/** Loads and checks the spec, plans the output folder (inside the project when writing) and generates in memory. */
async function prepare(
  options: ProjectOptions,
  forWriting: boolean,
): Promise<{ checked: CheckedSpec; outDir?: string; artifacts: Artifact[]; diagnostics: Diagnostic[] }> {
  const checked = await loadSpec(options.specFile, resolve(options.root, options.specFile));
  const diagnostics = [...checked.diagnostics];
  if (!checked.spec) return { checked, artifacts: [], diagnostics };
  const planned = resolveOutputDir(resolve(options.root, options.specFile), checked.spec.outputs?.dir, options.outDir, options.root);
  if (planned.error && forWriting) {
    diagnostics.push({
      code: 'INVALID_VALUE',
      severity: 'error',
      message: planned.error,
      file: options.specFile,
      start: { line: 1, col: 1 },
      hint: 'run fsmkit from the project folder, or point `outputs.dir` (or --out) inside it',
    });
    return { checked, artifacts: [], diagnostics };
  }
  // The banner names the spec relative to the folder holding the outputs, so
  // the bytes do not depend on where fsmkit was run from.
  const labelRoot = planned.dir !== undefined ? dirname(planned.dir) : options.root;
  const artifacts = generate(checked.spec, { specLabel: specLabel(resolve(options.root, options.specFile), labelRoot) });
  const prepared: { checked: CheckedSpec; outDir?: string; artifacts: Artifact[]; diagnostics: Diagnostic[] } = { checked, artifacts, diagnostics };
  if (planned.dir !== undefined) prepared.outDir = planned.dir;
  return prepared;
}
