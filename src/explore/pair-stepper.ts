import { type GuardContext, ruleEnabled } from '../model/guard.js';
import { type Model, type ModelRule, NO_MEMORY, type RoleId, TO_MEMORY } from '../model/model.js';
import { recordedMemory } from '../model/remembered-states.js';
import { flagOf, memoryOf, networkUp, PAIR_WIDTH, type PairState, partnerOf, setFlag, setMemory, setNetwork, setState, stateOf } from './pair-codec.js';
import type { Step } from './steps.js';

/** Both servers of a pair, as a constant: a literal in a loop would be a new array on every call. */
const BOTH = [0, 1] as const;

/**
 * Computes what one step does to a pair state, following the paired model:
 * the step moves one server (or the network); if it ends an ok link (the
 * network fails, or a server halts: a crash closes the connection even when
 * the server is back in a running state at once), every running server takes
 * its link-lost transition in the same step; then each server's flag is
 * updated from its partner.
 */
export class PairStepper {
  private readonly ctx: GuardContext = { role: 0, state: 0, flag: false, networkUp: true, partnerState: 0, partnerMemory: NO_MEMORY };
  /** linkLostRule[s]: the link-lost rule leaving state s, or -1. */
  private readonly linkLostRule: Int32Array;
  /** ruleFired[r] is set when link-lost rule r is applied (the explorer reads it). */
  readonly linkLostFired: boolean[];
  /** State attributes as flat arrays: this runs once per local state and step tried. */
  private readonly running: Uint8Array;
  private readonly keepsMemory: Uint8Array;
  private readonly serves: Uint8Array;
  private readonly watched: Uint8Array;

  constructor(private readonly model: Model) {
    // Plain loops: a small exploration is mostly this set-up.
    const n = model.states.length;
    this.running = new Uint8Array(n);
    this.keepsMemory = new Uint8Array(n);
    this.serves = new Uint8Array(n);
    this.watched = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const state = model.states[i] as Model['states'][number];
      if (state.running) this.running[i] = 1;
      if (state.memory) this.keepsMemory[i] = 1;
      if (state.serves) this.serves[i] = 1;
      if (model.flagWatch[i]) this.watched[i] = 1;
    }
    this.linkLostRule = new Int32Array(n).fill(-1);
    this.linkLostFired = [];
    for (const rule of model.rules) {
      this.linkLostFired.push(false);
      for (const e of rule.events) if (model.events[e]?.kind === 'link-lost') this.linkLostRule[rule.from] = rule.index;
    }
  }

  /** The guard context of `server` in `p`. */
  context(p: PairState, server: RoleId): GuardContext {
    const other = partnerOf(server);
    const ctx = this.ctx;
    ctx.role = server;
    ctx.state = stateOf(p, server);
    ctx.flag = flagOf(p, server);
    ctx.networkUp = networkUp(p);
    ctx.partnerState = stateOf(p, other);
    ctx.partnerMemory = memoryOf(p, other);
    return ctx;
  }

  /**
   * Whether `rule` (a "nothing happens" rule, which is never a step) would
   * fire for either server in `p` under an event switched on in `enabled`.
   */
  stayRuleEnabled(rule: ModelRule, p: PairState, enabled: readonly boolean[]): boolean {
    for (const server of BOTH) {
      for (const e of rule.events) {
        if (enabled[e] && this.ruleEnabledFor(rule, e, p, server)) return true;
      }
    }
    return false;
  }

  /** Whether `rule` fires for `server` in `p` under event `eventId` (its state, guards and the event). */
  ruleEnabledFor(rule: ModelRule, eventId: number, p: PairState, server: RoleId): boolean {
    const event = this.model.events[eventId];
    return rule.from === stateOf(p, server) && event !== undefined && ruleEnabled(this.model, rule, event, this.context(p, server));
  }

  /** The link is ok: network up and both servers running (as `linkOk` of the guards, on the pair state directly). */
  linkOk(p: PairState): boolean {
    return networkUp(p) && this.running[stateOf(p, 0)] === 1 && this.running[stateOf(p, 1)] === 1;
  }

  /**
   * Applies `step` to `p`, writing the result into `out` (which must not be `p`).
   * @returns false when the step is not enabled in `p` (`out` is then unspecified)
   */
  apply(step: Step, p: PairState, out: PairState): boolean {
    const model = this.model;
    const event = model.events[step.event];
    if (!event) return false;
    // Decide first, copy after: most steps tried are not enabled.
    let server: RoleId | undefined;
    let state = 0;
    let memory = NO_MEMORY;
    let network = networkUp(p);
    let halts = false;
    if (step.rule) {
      server = step.server as RoleId;
      if (!ruleEnabled(model, step.rule, event, this.context(p, server))) return false;
      const from = stateOf(p, server);
      const kept = memoryOf(p, server);
      state = step.rule.to === TO_MEMORY ? kept : step.rule.to;
      if (state === NO_MEMORY) return false;
      memory = this.memoryAfter(from, kept, state, step.rule.setMemory);
    } else if (event.action === 'halt') {
      server = step.server as RoleId;
      const from = stateOf(p, server);
      if (this.running[from] !== 1) return false;
      if (event.partnerRunning !== undefined && (this.running[stateOf(p, partnerOf(server))] === 1) !== event.partnerRunning) return false;
      state = event.haltTo as number;
      memory = event.haltMemory ?? recordedMemory(this.model, from, memoryOf(p, server));
      halts = true;
    } else if (event.action === 'network-down' || event.action === 'network-up') {
      const up = event.action === 'network-up';
      if (network === up) return false;
      network = up;
    } else {
      return false;
    }
    const wasOk = this.linkOk(p);
    // A loop, not TypedArray#set: for seven entries the builtin call costs more than the copy.
    for (let i = 0; i < PAIR_WIDTH; i++) out[i] = p[i] as number;
    if (server !== undefined) {
      setState(out, server, state);
      setMemory(out, server, memory);
    }
    setNetwork(out, network);
    // The halted server has no connection left to lose: its memory was mapped when it stopped.
    if (wasOk && (halts || !this.linkOk(out))) this.applyLinkLost(out, halts ? server : undefined);
    this.updateFlags(out);
    return true;
  }

  private memoryAfter(from: number, memory: number, to: number, setMemory: number): number {
    if (setMemory !== NO_MEMORY) return setMemory;
    if (this.keepsMemory[to] !== 1) return NO_MEMORY;
    return recordedMemory(this.model, from, memory);
  }

  private applyLinkLost(p: PairState, halted: RoleId | undefined): void {
    for (const server of BOTH) {
      if (server === halted) continue;
      const state = stateOf(p, server);
      if (this.running[state] !== 1) continue;
      setState(p, server, this.model.linkLost[state] as number);
      const rule = this.linkLostRule[state] as number;
      if (rule >= 0) this.linkLostFired[rule] = true;
    }
  }

  /** The flag lives while the partner is in (or stands for) a watched state, and is set by serving then. */
  private updateFlags(p: PairState): void {
    if (!this.model.hasFlag) return;
    for (const server of BOTH) {
      const other = partnerOf(server);
      const partner = stateOf(p, other);
      const stands = this.keepsMemory[partner] === 1 ? memoryOf(p, other) : partner;
      const live = stands !== NO_MEMORY && this.watched[stands] === 1;
      const serving = this.serves[stateOf(p, server)] === 1;
      setFlag(p, server, live && (flagOf(p, server) || serving));
    }
  }
}
