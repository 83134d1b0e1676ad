import type { Paint } from '../diagnostics/format.js';
import { noPaint } from '../diagnostics/format.js';
import type { ExploreLimit } from './explore.js';
import type { Verdict } from './properties.js';
import type { ConfigurationReport, MatrixReport } from './run-explorer.js';
import { formatTrace } from './trace.js';

/** A short cell for a verdict: "holds", "violated (12)" (trace length), or how many role:states and rules were never reached. */
export function verdictCell(v: Verdict): string {
  if (v.kind === 'reachability') {
    if (v.status === 'holds') return 'all reached';
    const parts = [];
    if (v.unreached?.length) parts.push(`${v.unreached.length} unreached`);
    if (v.unfired?.length) parts.push(`${v.unfired.length} unfired`);
    return parts.join(', ');
  }
  if (v.status === 'holds') return 'holds';
  return `violated (${(v.trace?.length ?? 1) - 1})`;
}

/** The configuration x property table with statistics; a `!` marks an unexpected verdict. */
export function formatMatrix(report: MatrixReport, paint: Paint = noPaint): string {
  const properties = report.configurations[0]?.verdicts.map((v) => v.property) ?? [];
  const header = ['configuration', 'states', 'transitions', 'diameter', 'time', ...properties];
  const rows = report.configurations.map((c) => [
    c.system.relationships > 1 ? `${c.configuration} (K=${c.system.relationships})` : c.configuration,
    String(c.states),
    String(c.transitions),
    String(c.diameter),
    `${Math.round(c.elapsedMs)} ms`,
    ...c.verdicts.map((v, i) => `${verdictCell(v)}${c.expectations[i]?.ok ? '' : ' !'}`),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i >= 1 && i <= 3 ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line)];
  const surprises = report.configurations.flatMap((c) =>
    c.expectations.filter((e) => !e.ok).map((e) => `  ${c.configuration} / ${e.property}: expected ${e.expected}, found ${e.actual}`),
  );
  const limits = report.configurations
    .filter((c) => c.limit)
    .map((c) => `  ${c.configuration}: ${describeLimit(c.limit as ExploreLimit, c.system.relationships)}; verdicts are partial`);
  if (surprises.length || limits.length) {
    out.push('', paint('error', 'Unexpected verdicts (!):'), ...surprises, ...limits);
  } else {
    out.push('', 'Every verdict is the one the spec expects.');
  }
  return `${out.join('\n')}\n`;
}

/** The full report of one configuration: statistics, each verdict, and each counterexample trace. */
export function formatConfiguration(report: ConfigurationReport, roles: readonly [string, string], paint: Paint = noPaint): string {
  const out = [
    `configuration ${report.configuration}: ${report.description}`,
    `  ${report.states} states, ${report.transitions} transitions, diameter ${report.diameter}, ${Math.round(report.elapsedMs)} ms`,
  ];
  if (report.system.relationships > 1) out.push(`  ${describeSystem(report.system, report.states)}`);
  if (report.limit) out.push(paint('error', `  ${describeLimit(report.limit, report.system.relationships)}: verdicts are partial`));
  report.verdicts.forEach((v, i) => {
    const expectation = report.expectations[i];
    const wanted = expectation?.expected === '(none declared)' ? 'the spec declares no expected verdict' : `the spec expects ${expectation?.expected}`;
    const mark = expectation?.ok ? 'as expected' : paint('error', `UNEXPECTED: ${wanted}`);
    out.push('', `${paint('bold', v.property)}: ${verdictCell(v)} (${mark})`);
    if (v.kind === 'reachability' && v.status === 'violated') {
      if (v.unreached?.length) out.push(`  never reached: ${v.unreached.join(', ')}`);
      if (v.unfired?.length) out.push(`  never fires: ${v.unfired.join(', ')}`);
    }
    if (v.summary) out.push(`  ${v.summary}`);
    if (v.trace) out.push(...formatTrace(v.trace, roles).map((l) => `    ${l}`));
  });
  return `${out.join('\n')}\n`;
}

/** What stopped a run, in words: "stopped at the states limit after 5 states". */
export function describeLimit(limit: ExploreLimit, relationships: number): string {
  if (limit.kind === 'relationship-states')
    return `stopped: one relationship took more than ${limit.reached} states, the most a key holds with ${relationships} relationships`;
  return `stopped at the ${limit.kind} limit after ${limit.reached} states`;
}

/** How to get past a limit: the option to raise, or the shape to shrink. */
export function limitHint(limit: ExploreLimit): string {
  if (limit.kind === 'states') return 'raise the limit with --max-states';
  if (limit.kind === 'memory') return 'raise the limit with --max-memory';
  return 'explore fewer relationships (each has 2^floor(52 / K) states of room, at most 2^24), or a configuration with fewer environment steps';
}

/** "3 relationships between the two hosts; symmetry: 2233265 states stand for 13098905; 14.2 bytes per stored state". */
export function describeSystem(system: NonNullable<ConfigurationReport['system']>, states: number): string {
  const counted = system.symmetry
    ? `symmetry on: the ${states} states stand for ${system.fullStates} without it`
    : 'symmetry off: every order of relationships counted';
  return `${system.relationships} relationships between the two hosts (${system.localStates} states of one relationship); ${counted}; ${system.bytesPerState.toFixed(1)} bytes per stored state`;
}
