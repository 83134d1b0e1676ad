import type { LogLine } from './log-event.js';

/**
 * Reads one line of fsmkit's JSONL trace format: one JSON object per line,
 * `{"peer": "...", "who": "local" | "partner", "from"?: "...", "to": "..."}`.
 * Blank lines are skipped; anything else that is not such an object is malformed.
 */
export function parseJsonlLine(line: string): LogLine {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'malformed', reason: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'malformed', reason: 'not a JSON object' };
  const v = value as Record<string, unknown>;
  if (typeof v.to !== 'string') return { kind: 'malformed', reason: '"to" must be a state name' };
  if (v.who !== 'local' && v.who !== 'partner') return { kind: 'malformed', reason: '"who" must be "local" or "partner"' };
  if (v.from !== undefined && typeof v.from !== 'string') return { kind: 'malformed', reason: '"from" must be a state name' };
  const peer = v.peer === undefined ? 'default' : v.peer;
  if (typeof peer !== 'string') return { kind: 'malformed', reason: '"peer" must be a string' };
  const move: LogLine = { kind: 'move', peer, who: v.who, to: v.to };
  if (typeof v.from === 'string') move.from = v.from;
  return move;
}
