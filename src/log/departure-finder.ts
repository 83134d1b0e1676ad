import type { Model, RoleId } from '../model/model.js';
import type { MoveOracle } from '../model/move-oracle.js';
import { type Departure, departureAccepts, type Profile } from '../model/profiles.js';
import { rememberedStates } from '../model/remembered-states.js';

/** What explains a move the rules refuse: a profile's departure, or its merged steps. */
export type Explanation = Pick<Departure, 'profile' | 'id' | 'evidence'>;

/** Finds the profile departure (exact) or merged steps (only out of a restart state) behind a refused move. */
export class DepartureFinder {
  private readonly remembered: number[];

  constructor(
    private readonly model: Model,
    private readonly oracle: MoveOracle,
    private readonly profiles: readonly Profile[],
    private readonly accepted: Profile | undefined,
  ) {
    this.remembered = rememberedStates(model);
  }

  private name(id: number): string {
    return this.model.states[id]?.name ?? '?';
  }

  /** The departure (of the accepted profile first) that explains a move the rules refuse. */
  explain(from: number, to: number, role: RoleId | undefined, partner: number | undefined, memory: number[] | undefined): Explanation | undefined {
    const ordered = this.accepted ? [this.accepted, ...this.profiles.filter((p) => p !== this.accepted)] : this.profiles;
    for (const profile of ordered) {
      const direct = this.matchDeparture(profile, from, to, role, partner, memory);
      if (direct) return direct;
      const merged = this.mergedSteps(profile, from, to, role, partner, memory);
      if (merged) return merged;
    }
    return undefined;
  }

  private matchDeparture(
    profile: Profile,
    from: number,
    to: number,
    role: RoleId | undefined,
    partner: number | undefined,
    memory: number[] | undefined,
  ): Departure | undefined {
    for (const d of profile.departures) {
      if (memory === undefined) {
        if (departureAccepts(d, from, to, role, partner, undefined)) return d;
      } else if (memory.some((m) => departureAccepts(d, from, to, role, partner, m))) return d;
    }
    return undefined;
  }

  /**
   * Two moves logged as one, where the profile says the implementation does
   * so: only out of a state that shows its memory (a restart state), with
   * both steps reactions to the events the profile names, under one and the
   * same partner state; the second step may be one of the profile's own
   * departures.
   */
  private mergedSteps(
    profile: Profile,
    from: number,
    to: number,
    role: RoleId | undefined,
    partner: number | undefined,
    memory: number[] | undefined,
  ): Explanation | undefined {
    const model = this.model;
    const events = profile.mergedEvents;
    if (!events || !model.states[from]?.showsMemory) return undefined;
    const roles = ([0, 1] as RoleId[]).filter((r) => role === undefined || r === role);
    for (const r of roles) {
      const other = (1 - r) as RoleId;
      const partners = partner === undefined ? model.states.filter((s) => s.roles[other]).map((s) => s.id) : [partner];
      for (const p of partners) {
        for (const m of memory ?? this.remembered) {
          for (const middle of this.oracle.allowed(from, r, p, m, events).keys()) {
            if (this.oracle.allowed(middle, r, p, undefined, events).has(to) || this.matchDeparture(profile, middle, to, r, p, undefined)) {
              return {
                profile: profile.name,
                id: 'merged-steps',
                evidence: `${this.name(from)} -> ${this.name(middle)} -> ${this.name(to)} logged as one move; ${profile.mergedEvidence ?? ''}`,
              };
            }
          }
        }
      }
    }
    return undefined;
  }
}
