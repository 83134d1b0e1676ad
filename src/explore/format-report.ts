import type { Paint } from '../diagnostics/format.js';
import { noPaint } from '../diagnostics/format.js';
import type { Verdict } from './properties.js';
import type { ConfigurationReport, MatrixReport } from './run-explorer.js';
import { formatSystemTrace } from './system-trace.js';
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
  return `violated (${((v.trace ?? v.systemTrace)?.length ?? 1) - 1})`;
}

/** The configuration x property table with statistics; a `!` marks an unexpected verdict. */
export function formatMatrix(report: MatrixReport, paint: Paint = noPaint): string {
  const properties = report.configurations[0]?.verdicts.map((v) => v.property) ?? [];
  const header = ['configuration', 'states', 'transitions', 'diameter', 'time', ...properties];
  const rows = report.configurations.map((c) => [
    c.system ? `${c.configuration} (K=${c.system.relationships})` : c.configuration,
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
    .map((c) => `  ${c.configuration}: stopped at ${c.limit?.reached} states (${c.limit?.kind} limit); verdicts are partial`);
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
  if (report.system) out.push(`  ${describeSystem(report.system, report.states)}`);
  if (report.limit) out.push(paint('error', `  stopped at the ${report.limit.kind} limit after ${report.limit.reached} states: verdicts are partial`));
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
    if (v.systemTrace) out.push(...formatSystemTrace(v.systemTrace, roles).map((l) => `    ${l}`));
  });
  return `${out.join('\n')}\n`;
}

/** "3 relationships between the two hosts; symmetry: 2233265 states stand for 13098905; 14.2 bytes per stored state". */
export function describeSystem(system: NonNullable<ConfigurationReport['system']>, states: number): string {
  const counted = system.symmetry
    ? `symmetry on: the ${states} states stand for ${system.fullStates} without it`
    : 'symmetry off: every order of relationships counted';
  return `${system.relationships} relationships between the two hosts (${system.localStates} states of one relationship); ${counted}; ${system.bytesPerState.toFixed(1)} bytes per stored state`;
}
