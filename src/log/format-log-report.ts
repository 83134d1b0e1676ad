import type { Paint } from '../diagnostics/format.js';
import { noPaint } from '../diagnostics/format.js';
import type { LogReport } from './check-log.js';

const ERRORS = new Set(['violation', 'role-conflict']);
/** Relationships listed in the text summary; the JSON report has them all. */
const MAX_LISTED = 50;

/** Findings one per block (place, class, the line, why, what was allowed), then a summary per relationship. */
export function formatLogReport(report: LogReport, paint: Paint = noPaint): string {
  const out: string[] = [];
  for (const f of report.findings) {
    const style = ERRORS.has(f.class) ? 'error' : 'warning';
    const where = f.peer === undefined ? '' : ` [${f.peer}${f.host === undefined ? '' : ` @ ${f.host}`}]`;
    out.push(`${f.file}:${f.line}: ${paint(style, f.class)}${where} ${f.message}`);
    if (f.text) out.push(paint('dim', `  | ${f.text}`));
    if (f.rule !== undefined || f.section !== undefined) {
      out.push(`  rule: ${f.rule ?? 'none'}${f.section === undefined ? '' : ` (section ${f.section})`}`);
    }
    if (f.memory) out.push(`  came back with remembered state: ${f.memory.join(' or ')}`);
    if (f.allowed) {
      const moves = f.allowed.map((m) => `${m.to} (${m.by}${m.ref ? `, ${m.ref}` : ''})`);
      out.push(`  allowed from here: ${moves.length ? moves.join(', ') : 'nothing'}`);
    }
    if (f.departure) {
      out.push(`  accepted with --profile ${f.departure.profile} (departure ${f.departure.id})`);
      out.push(`  evidence: ${f.departure.evidence}`);
    }
    out.push('');
  }
  if (report.findingsDropped > 0) out.push(`… and ${report.findingsDropped} more findings (counted below)`, '');
  const files = report.inputs.map((i) => i.file).join(', ') || '-';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.push(
    `${files}: ${plural(report.lines, 'line')}, ${plural(report.moves, 'state change')}, ${plural(report.relationships.length, 'relationship')}${report.profile ? `, profile ${report.profile}` : ''}`,
  );
  if (report.inputOrder === 'by-time') out.push(`  judged in time order: ${files}`);
  if (report.reordered > 0) out.push(`  ${plural(report.reordered, 'state change')} out of time order in the input, judged in time order`);
  if (report.outOfOrderUnmended > 0)
    out.push(`  ${plural(report.outOfOrderUnmended, 'state change')} too far out of time order to mend, judged where they stood`);
  const counts = [
    [report.violations, 'violation'],
    [report.roleConflicts, 'role conflict'],
    [report.gaps, 'gap'],
    [report.malformed, 'malformed line'],
  ] as const;
  out.push(`  ${counts.map(([n, w]) => plural(n, w)).join(', ')}${report.accepted ? `, ${report.accepted} accepted by the profile` : ''}`);
  if (report.untracked > 0) out.push(`  ${plural(report.untracked, 'line')} of relationships beyond the cap, not judged`);
  for (const r of report.relationships.slice(0, MAX_LISTED)) {
    const role =
      r.role === null
        ? 'role unknown (could not be inferred; give --role)'
        : `${r.role}${r.roleFrom === 'inferred' && r.roleInferredAt ? ` (inferred at ${r.roleInferredAt.file}:${r.roleInferredAt.line})` : r.roleFrom === 'pair' ? ' (from the other host)' : ''}`;
    out.push(
      `  ${r.peer}${r.host === null ? '' : ` @ ${r.host}`}: ${role}; ${plural(r.moves, 'move')}, ${plural(r.repeats, 'repeat')}; ${plural(r.violations, 'violation')}${r.roleConflicts ? `, ${plural(r.roleConflicts, 'role conflict')}` : ''}${r.gaps ? `, ${plural(r.gaps, 'gap')}` : ''}${r.accepted ? `, ${r.accepted} accepted by the profile` : ''}`,
    );
    out.push(`    states: ${r.statesVisited.join(', ') || 'none'}; now ${r.local ?? 'unknown'} (partner ${r.partner ?? 'unknown'})`);
  }
  if (report.relationships.length > MAX_LISTED) out.push(`  … and ${report.relationships.length - MAX_LISTED} more relationships (see --json)`);
  if (report.relationships.length === 0) out.push('  no state changes found');
  return `${out.join('\n')}\n`;
}
