import { type GuardContext, ruleEnabled } from './guard.js';
import { type Model, NO_MEMORY, type RoleId, TO_MEMORY } from './model.js';
import { rememberedStates } from './remembered-states.js';

/** A move some rule or environment step allows, and what allows it. */
export interface AllowedMove {
  to: number;
  /** Rule id, or the environment event's name for a halt. */
  by: string;
  ref?: string;
}

/**
 * Answers "which moves could a server make from here?" when only part of
 * the situation is known (logs tell states, not the network or the flag):
 * a move is allowed when some situation consistent with what is known
 * allows it. Answers are memoized; logs repeat the same questions.
 */
export class MoveOracle {
  private readonly memo = new Map<ReadonlySet<number> | undefined, Map<number, Map<number, AllowedMove>>>();
  private readonly remembered: number[];

  constructor(private readonly model: Model) {
    this.remembered = rememberedStates(model);
  }

  /**
   * Moves from `from` for `role` (undefined: either role) with the partner
   * showing `partner` (undefined: unknown) and, when known, the server's own
   * `memory`, through any event or only `events`; keyed by target state.
   */
  allowed(from: number, role: RoleId | undefined, partner: number | undefined, memory?: number, events?: ReadonlySet<number>): Map<number, AllowedMove> {
    // A numeric key: the judge of a long log asks this for every move.
    const n = this.model.states.length + 1;
    const key = (((from * 3 + (role ?? 2)) * n + (partner ?? n - 1)) * n + (memory ?? n - 1)) * 2 + (events ? 1 : 0);
    let memo = this.memo.get(events);
    if (!memo) {
      memo = new Map();
      this.memo.set(events, memo);
    }
    let moves = memo.get(key);
    if (!moves) {
      moves = this.compute(from, role, partner, memory, events);
      memo.set(key, moves);
    }
    return moves;
  }

  private compute(
    from: number,
    role: RoleId | undefined,
    partner: number | undefined,
    memory: number | undefined,
    events: ReadonlySet<number> | undefined,
  ): Map<number, AllowedMove> {
    const model = this.model;
    const moves = new Map<number, AllowedMove>();
    const add = (to: number, by: string, ref: string | undefined) => {
      if (to === from || moves.has(to)) return;
      moves.set(to, ref === undefined ? { to, by } : { to, by, ref });
    };
    const state = model.states[from];
    if (!state) return moves;
    const roles = ([0, 1] as RoleId[]).filter((r) => (role === undefined || r === role) && state.roles[r]);
    for (const r of roles) {
      for (const ctx of this.situations(r, from, partner)) {
        for (const rule of model.rules) {
          if (rule.from !== from || rule.stay) continue;
          const ref = model.spec.rules[rule.index]?.ref;
          for (const eventId of rule.events) {
            if (events && !events.has(eventId)) continue;
            const event = model.events[eventId];
            if (!event) continue;
            // Link-lost rules fire as the link breaks, whatever the guards say.
            if (event.kind !== 'link-lost' && !ruleEnabled(model, rule, event, ctx)) continue;
            const remembered = memory === undefined ? this.remembered : [memory];
            const targets = rule.to === TO_MEMORY ? remembered.filter((m) => model.states[m]?.roles[r]) : [rule.to];
            for (const to of targets) add(to, rule.id, ref);
          }
        }
      }
    }
    if (state.running) {
      for (const event of model.events)
        if (event.action === 'halt' && event.haltTo !== undefined && (!events || events.has(event.id)))
          add(event.haltTo, event.name, model.spec.events[event.id]?.ref);
    }
    return moves;
  }

  /** Situations consistent with the partner showing `partner` (or anything). */
  private *situations(role: RoleId, state: number, partner: number | undefined): Generator<GuardContext> {
    const model = this.model;
    const other = (1 - role) as RoleId;
    const partners: [number, number][] = [];
    for (const p of model.states) {
      if (!p.roles[other]) continue;
      const memories = p.memory ? [NO_MEMORY, ...this.remembered] : [NO_MEMORY];
      for (const m of memories) {
        const shown = p.showsMemory && m !== NO_MEMORY ? m : p.id;
        if (partner === undefined || shown === partner) partners.push([p.id, m]);
      }
    }
    for (const [partnerState, partnerMemory] of partners) {
      for (const flag of [false, true]) {
        for (const networkUp of [true, false]) yield { role, state, flag, networkUp, partnerState, partnerMemory };
      }
    }
  }
}
