import type { Reporter } from '../spec/reporter.js';
import type { Model, RoleId } from './model.js';
import { MoveOracle } from './move-oracle.js';
import { compileProfiles, type Departure } from './profiles.js';

/**
 * A departure must accept some move the source forbids: one that the rules
 * already allow in every situation it names (or that no role can make) would
 * never be consulted, and reads as a claim about the implementation that
 * nothing tests.
 */
export function checkDepartures(model: Model, report: Reporter): void {
  const oracle = new MoveOracle(model);
  for (const profile of compileProfiles(model)) {
    for (const d of profile.departures) {
      const why = whyDead(model, oracle, d);
      if (why === undefined) continue;
      report.error(
        'DEAD_DEPARTURE',
        ['profiles', profile.index, 'departures', d.index],
        `departure ${d.id} of profile ${profile.name} can never fire: ${why}`,
        'drop the departure, or narrow it (partner, role, memory) to a move the rules forbid',
      );
    }
  }
}

function whyDead(model: Model, oracle: MoveOracle, d: Departure): string | undefined {
  const name = (id: number) => model.states[id]?.name ?? '?';
  const roles = ([0, 1] as RoleId[]).filter((r) => (d.role === undefined || d.role === r) && model.states[d.from]?.roles[r] && model.states[d.to]?.roles[r]);
  if (roles.length === 0) return `no role${d.role === undefined ? '' : ` (${model.roles[d.role]})`} may hold both ${name(d.from)} and ${name(d.to)}`;
  if (d.from === d.to) return `${name(d.from)} -> ${name(d.to)} is no move`;
  let allowedBy: string | undefined;
  for (const role of roles) {
    const other = (1 - role) as RoleId;
    const partners = d.partner ? [...d.partner].filter((p) => model.states[p]?.roles[other]) : [undefined];
    const memories = d.memory ? [...d.memory] : [undefined];
    for (const partner of partners) {
      for (const memory of memories) {
        const move = oracle.allowed(d.from, role, partner, memory).get(d.to);
        if (!move) return undefined;
        allowedBy ??= move.by;
      }
    }
  }
  return allowedBy === undefined
    ? `the partner states it names are never held by the partner`
    : `the rules already allow ${name(d.from)} -> ${name(d.to)} (${allowedBy}) in every situation it names`;
}
