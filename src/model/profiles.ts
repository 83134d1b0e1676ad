import type { ProfileLogSpec } from '../spec/spec-types.js';
import type { Model, RoleId } from './model.js';

/** A departure with its names resolved to indexes. */
export interface Departure {
  profile: string;
  /** Position in the profile's `departures` list. */
  index: number;
  id: string;
  from: number;
  to: number;
  /** Partner states it needs (shown states); undefined: any. */
  partner?: ReadonlySet<number>;
  role?: RoleId;
  /** Remembered states it needs; undefined: any. */
  memory?: ReadonlySet<number>;
  description: string;
  evidence: string;
}

/** A profile with its names resolved. */
export interface Profile {
  name: string;
  /** Position in the spec's `profiles` list. */
  index: number;
  departures: Departure[];
  /** Events whose reaction the implementation applies from its remembered state, logging two moves as one. */
  mergedEvents?: ReadonlySet<number>;
  mergedEvidence?: string;
  log?: ProfileLogSpec;
}

/** Resolves every profile of a valid spec's model. */
export function compileProfiles(model: Model): Profile[] {
  const state = (name: string) => model.stateByName.get(name) as number;
  return (model.spec.profiles ?? []).map((p, index) => {
    const profile: Profile = {
      name: p.name,
      index,
      departures: (p.departures ?? []).map((d, i) => {
        const departure: Departure = {
          profile: p.name,
          index: i,
          id: d.id,
          from: state(d.from),
          to: state(d.to),
          description: d.description,
          evidence: d.evidence,
        };
        if (d.partner) departure.partner = new Set(d.partner.map(state));
        if (d.role !== undefined) departure.role = model.roles.indexOf(d.role) as RoleId;
        if (d.memory) departure.memory = new Set(d.memory.map(state));
        return departure;
      }),
    };
    if (p.merges_steps) {
      profile.mergedEvents = new Set(p.merges_steps.on.map((e) => model.eventByName.get(e) as number));
      profile.mergedEvidence = p.merges_steps.evidence;
    }
    if (p.log) profile.log = p.log;
    return profile;
  });
}

/**
 * Does the departure accept this move? What is not known (role, partner,
 * memory: undefined) is not held against it, as for the draft's rules.
 */
export function departureAccepts(
  d: Departure,
  from: number,
  to: number,
  role: RoleId | undefined,
  partner: number | undefined,
  memory: number | undefined,
): boolean {
  if (d.from !== from || d.to !== to) return false;
  if (d.role !== undefined && role !== undefined && d.role !== role) return false;
  if (d.partner && partner !== undefined && !d.partner.has(partner)) return false;
  if (d.memory && memory !== undefined && !d.memory.has(memory)) return false;
  return true;
}
