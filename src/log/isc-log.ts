import type { LogLine } from './log-event.js';

// ISC dhcpd writes, from dhcp_failover_set_state() and
// dhcp_failover_peer_state_changed() in server/failover.c:
//   failover peer NAME: I move from X to Y
//   failover peer NAME: peer moves from X to Y
// behind whatever syslog adds (timestamp, host, "dhcpd[pid]:"), or nothing.
const MOVE = /failover peer (.+?): (I move|peer moves) from (\S+) to (\S+?)\s*$/;
const MENTION = /failover peer .*\b(move|moves)\b/;

/** Reads one line of ISC dhcpd log output. */
export function parseIscLine(line: string): LogLine {
  const marker = line.indexOf('failover peer ');
  if (marker < 0) return null;
  const match = MOVE.exec(line.slice(marker));
  if (!match) {
    return MENTION.test(line) ? { kind: 'malformed', reason: 'a "failover peer ... move" line without "from X to Y"' } : null;
  }
  const [, peer, verb, from, to] = match as unknown as [string, string, string, string, string];
  return { kind: 'move', peer, who: verb === 'I move' ? 'local' : 'partner', from, to };
}
