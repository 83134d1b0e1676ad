import type { Paint } from '../diagnostics/format.js';
import { noPaint } from '../diagnostics/format.js';
import type { LogReport } from './check-log.js';

/** Findings one per block (line number, class, the line, what was allowed), then a summary per relationship. */
export function formatLogReport(report: LogReport, file: string, paint: Paint = noPaint): string {
  const out: string[] = [];
  for (const f of report.findings) {
    const style = f.class === 'violation' || f.class === 'malformed' ? 'error' : 'warning';
    out.push(`${file}:${f.line}: ${paint(style, f.class)}${f.peer ? ` [${f.peer}]` : ''} ${f.message}`);
    out.push(paint('dim', `  | ${f.text.length > 200 ? `${f.text.slice(0, 200)}…` : f.text}`));
    if (f.allowed) {
      const moves = f.allowed.map((m) => `${m.to} (${m.by}${m.ref ? `, ${m.ref}` : ''})`);
      out.push(`  allowed from here: ${moves.length ? moves.join(', ') : 'nothing'}`);
    }
    if (f.departure) out.push(`  evidence: ${f.departure.evidence}`);
    out.push('');
  }
  if (report.findingsDropped > 0) out.push(`… and ${report.findingsDropped} more findings (counted below)`, '');
  out.push(
    `${file}: ${report.lines} lines, ${report.relationships.length} relationship${report.relationships.length === 1 ? '' : 's'}${report.profile ? `, profile ${report.profile}` : ''}`,
  );
  for (const r of report.relationships) {
    const role = r.role === null ? 'role unknown (could not be inferred)' : `${r.role}${r.roleInferredAt ? ` (inferred at line ${r.roleInferredAt})` : ''}`;
    out.push(
      `  ${r.peer}: ${role}; ${r.moves} moves, ${r.repeats} repeats; ${r.violations} violations, ${r.deviations} deviations${r.accepted ? `, ${r.accepted} accepted by the profile` : ''}`,
    );
    out.push(`    states: ${r.statesVisited.join(', ') || 'none'}; now ${r.local ?? 'unknown'} (partner ${r.partner ?? 'unknown'})`);
  }
  if (report.relationships.length === 0) out.push('  no state changes found');
  return `${out.join('\n')}\n`;
}
