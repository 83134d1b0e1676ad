import { dirname, resolve } from 'node:path';
import type { Artifact } from '../codegen/artifact.js';
import { generate } from '../codegen/generate.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { generateDiagrams } from '../diagram/diagram-set.js';
import { pairGraphOf } from '../diagram/explored-pairs.js';
import { generateDocs } from '../docs/docs-pages.js';
import { DEFAULT_EXPLORE_OPTIONS, type ExploreOptions } from '../explore/explore.js';
import { replayScenarios, type ScenarioRun } from '../explore/replay-scenarios.js';
import { exploreMatrix, type MatrixReport } from '../explore/run-explorer.js';
import { compareOutputs, machineSchemaReference, resolveOutputDir, specLabel } from '../io/output-plan.js';
import { writeFilesAtomically } from '../io/write-atomic.js';
import { type CheckedSpec, loadSpec } from '../model/check-spec.js';
import { ruleVectorArtifact } from '../vectors/vector-file.js';
import { verdictDiagnostics } from './verdict-diagnostics.js';

/** Where a job runs: the spec to read and the project it belongs to. */
export interface ProjectOptions {
  /** Path of the spec file. */
  specFile: string;
  /** The project folder: banners name the spec relative to it, outputs must stay inside it. */
  root: string;
  /** Output folder instead of the one the spec names (relative to `root`). */
  outDir?: string;
  /** Limits for the explorations. */
  explore?: ExploreOptions;
}

/** One folder of generated files: code in `generated/`, pages and diagrams in `docs/generated/`. */
export interface OutputGroup {
  dir: string;
  artifacts: Artifact[];
}

/** The result of `checkProject`. */
export interface ProjectCheck {
  checked: CheckedSpec;
  groups: OutputGroup[];
  /** The configuration x property matrix, when the spec declares configurations. */
  matrix?: MatrixReport;
  /** The spec's scenarios as replayed. */
  scenarios: ScenarioRun[];
  diagnostics: Diagnostic[];
  ok: boolean;
}

/**
 * Checks a spec and, when it is valid, explores every configuration (each
 * verdict must be the expected one), regenerates every artifact and page in
 * memory and compares them with the output folders: the gate that keeps
 * spec, verdicts, generated code and docs in step.
 * @example
 * const result = await checkProject({ specFile: 'machine.yaml', root: process.cwd() });
 * if (!result.ok) for (const d of result.diagnostics) console.log(d.message);
 */
export async function checkProject(options: ProjectOptions): Promise<ProjectCheck> {
  const prepared = await prepare(options, false);
  const diagnostics = [...prepared.diagnostics];
  if (prepared.checked.spec) {
    const fix = `npx fsmkit generate ${options.specFile}`;
    for (const group of prepared.groups) diagnostics.push(...(await compareOutputs(group.dir, group.artifacts, fix, options.root)));
  }
  const sorted = sortDiagnostics(diagnostics);
  const result: ProjectCheck = {
    checked: prepared.checked,
    groups: prepared.groups,
    scenarios: prepared.scenarios,
    diagnostics: sorted,
    ok: !hasErrors(sorted),
  };
  if (prepared.matrix) result.matrix = prepared.matrix;
  return result;
}

/** The result of `generateProject`: what was written where. */
export interface ProjectGenerate {
  checked: CheckedSpec;
  groups: OutputGroup[];
  matrix?: MatrixReport;
  written: string[];
  diagnostics: Diagnostic[];
  ok: boolean;
}

/**
 * Checks the spec, explores it, and writes every artifact and page into the
 * output folders, all at once and atomically. Nothing is written when the
 * spec has errors. Verdict diagnostics (an unexpected verdict) are reported
 * but do not stop the writing: the docs then show the new verdicts.
 */
export async function generateProject(options: ProjectOptions): Promise<ProjectGenerate> {
  const prepared = await prepare(options, true);
  const { checked, groups } = prepared;
  const base: ProjectGenerate = { checked, groups, written: [], diagnostics: prepared.diagnostics, ok: false };
  if (prepared.matrix) base.matrix = prepared.matrix;
  // Behaviour findings (verdicts, scenarios) do not stop the writing: the docs then show what the spec does now.
  const blocking = prepared.diagnostics.filter((d) => !BEHAVIOUR_FINDINGS.has(d.code));
  if (!checked.spec || hasErrors(blocking)) return base;
  if (groups.length === 0) {
    const noDir: Diagnostic = {
      code: 'MISSING_FIELD',
      severity: 'error',
      message: 'the spec names no output folder and none was given',
      file: options.specFile,
      start: { line: 1, col: 1 },
      hint: 'add `outputs: { dir: ../generated }` to the spec, or pass --out <dir>',
    };
    return { ...base, diagnostics: [noDir] };
  }
  const files = groups.flatMap((g) => g.artifacts.map((a) => ({ path: resolve(g.dir, a.path), contents: a.contents })));
  try {
    await writeFilesAtomically(files);
  } catch (error) {
    const cannot: Diagnostic = {
      code: 'OUTPUT_UNWRITABLE',
      severity: 'error',
      message: `cannot write the generated files: ${(error as Error).message}`,
      file: options.specFile,
      start: { line: 1, col: 1 },
      hint: `check that ${groups.map((g) => g.dir).join(' and ')} are writable folders; nothing was changed`,
    };
    return { ...base, diagnostics: [cannot] };
  }
  return { ...base, written: files.map((f) => f.path), ok: !hasErrors(prepared.diagnostics) };
}

const BEHAVIOUR_FINDINGS = new Set<Diagnostic['code']>([
  'UNEXPECTED_VERDICT',
  'EXPLORATION_LIMIT',
  'SCENARIO_MISMATCH',
  'SCENARIO_STEP_IMPOSSIBLE',
  'SCENARIO_NEXT_MISMATCH',
]);

interface Prepared {
  checked: CheckedSpec;
  groups: OutputGroup[];
  scenarios: ScenarioRun[];
  matrix?: MatrixReport;
  diagnostics: Diagnostic[];
}

/** Loads and checks the spec, explores it, plans the output folders (inside the project when writing) and generates in memory. */
async function prepare(options: ProjectOptions, forWriting: boolean): Promise<Prepared> {
  const checked = await loadSpec(options.specFile, resolve(options.root, options.specFile));
  const diagnostics = [...checked.diagnostics];
  const { spec, model } = checked;
  if (!spec || !model) return { checked, groups: [], scenarios: [], diagnostics };
  const scenarios = replayScenarios(model, {
    file: checked.file,
    locate: checked.locate ?? (() => ({ start: { line: 1, col: 1 }, end: { line: 1, col: 1 } })),
  });
  diagnostics.push(...scenarios.diagnostics);
  const exploreOptions = options.explore ?? DEFAULT_EXPLORE_OPTIONS;
  // One run per configuration; the one the docs draw keeps its reachable pairs.
  const matrix = spec.pair && spec.configurations?.length ? exploreMatrix(model, exploreOptions, undefined, spec.outputs?.docs?.pairs) : undefined;
  if (matrix) diagnostics.push(...verdictDiagnostics(checked, matrix));

  const specPath = resolve(options.root, options.specFile);
  const code = resolveOutputDir(specPath, spec.outputs?.dir, options.outDir, options.root);
  const docs = options.outDir === undefined ? resolveOutputDir(specPath, spec.outputs?.docs?.dir, undefined, options.root) : {};
  for (const planned of [code, docs]) {
    if (planned.error && forWriting) {
      diagnostics.push({
        code: 'INVALID_VALUE',
        severity: 'error',
        message: planned.error,
        file: options.specFile,
        start: checked.locate?.(['outputs']).start ?? { line: 1, col: 1 },
        hint: 'run fsmkit from the project folder, or point `outputs.dir` (or --out) inside it',
      });
      return { checked, groups: [], scenarios: scenarios.runs, diagnostics };
    }
  }
  const groups: OutputGroup[] = [];
  // Banners name the spec relative to the folder above the outputs, so the
  // bytes do not depend on where fsmkit was run from.
  const label = (dir: string | undefined) => ({ specLabel: specLabel(specPath, dir !== undefined ? dirname(dir) : options.root) });
  if (code.dir !== undefined) {
    const codeDir = code.dir;
    const codeFiles = [...generate(model, { ...label(codeDir), machineSchema: machineSchemaReference(codeDir, options.root) }), ruleVectorArtifact(model)];
    groups.push({ dir: codeDir, artifacts: codeFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) });
  }
  if (docs.dir !== undefined && matrix) {
    const kept = matrix.configurations.find((c) => c.pairs)?.pairs;
    const pairs = kept ? pairGraphOf(model, kept) : undefined;
    const diagrams = generateDiagrams(model, matrix, pairs);
    const pages = generateDocs(model, matrix, diagrams, label(dirname(docs.dir)), pairs, scenarios.runs);
    groups.push({ dir: docs.dir, artifacts: [...diagrams, ...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) });
  }
  const prepared: Prepared = { checked, groups, scenarios: scenarios.runs, diagnostics };
  if (matrix) prepared.matrix = matrix;
  return prepared;
}
