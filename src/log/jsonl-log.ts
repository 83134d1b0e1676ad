import type { LogLine } from './log-event.js';

/**
 * Reads one line of fsmkit's JSONL trace format: one JSON object per line,
 * `{"peer": "...", "who": "local" | "partner", "from"?: "...", "to": "...", "host"?: "...", "time"?: "..."}`.
 * Blank lines are skipped; anything else that is not such an object is malformed.
 */
export function parseJsonlLine(line: string): { parsed: LogLine; time?: number } {
  if (line.trim() === '') return { parsed: null };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { parsed: { kind: 'malformed', reason: 'not valid JSON' } };
  }
  const bad = (reason: string) => ({ parsed: { kind: 'malformed' as const, reason } });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('not a JSON object');
  const v = value as Record<string, unknown>;
  if (typeof v.to !== 'string') return bad('"to" must be a state name');
  if (v.who !== 'local' && v.who !== 'partner') return bad('"who" must be "local" or "partner"');
  if (v.from !== undefined && typeof v.from !== 'string') return bad('"from" must be a state name');
  if (v.host !== undefined && typeof v.host !== 'string') return bad('"host" must be a string');
  const peer = v.peer === undefined ? 'default' : v.peer;
  if (typeof peer !== 'string') return bad('"peer" must be a string');
  const move: LogLine = { kind: 'move', peer, who: v.who, to: v.to };
  if (typeof v.from === 'string') move.from = v.from;
  if (typeof v.host === 'string') move.host = v.host;
  const result: { parsed: LogLine; time?: number } = { parsed: move };
  if (typeof v.time === 'string' && !Number.isNaN(Date.parse(v.time))) result.time = Date.parse(v.time);
  return result;
}
