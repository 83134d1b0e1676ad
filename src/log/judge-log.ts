import { type Model, NO_MEMORY, type RoleId } from '../model/model.js';
import { type AllowedMove, MoveOracle } from '../model/move-oracle.js';
import { recordedMemory } from '../model/remembered-states.js';
import type { ProfileSpec } from '../spec/spec-types.js';
import type { LogLine } from './log-event.js';

export type FindingClass = 'violation' | 'deviation' | 'gap' | 'malformed';

/** One thing worth telling about one log line. */
export interface LogFinding {
  line: number;
  text: string;
  class: FindingClass;
  peer?: string;
  message: string;
  /** What the spec allows from the state the move left, given what was known. */
  allowed?: { to: string; by: string; ref?: string }[];
  /** The profile departure that explains a deviation. */
  departure?: { profile: string; id: string; evidence: string };
}

/** What the log showed of one relationship. */
export interface RelationshipSummary {
  peer: string;
  role: string | null;
  /** Line where the role was inferred (absent when given or unknown). */
  roleInferredAt?: number;
  moves: number;
  repeats: number;
  statesVisited: string[];
  deviations: number;
  accepted: number;
  violations: number;
  local: string | null;
  partner: string | null;
}

export interface JudgeOptions {
  /** The local server's role, when known. */
  role?: string;
  /** Judge only this relationship. */
  peer?: string;
  /** Accept this profile's departures. */
  profile?: string;
  /** Keep at most this many findings (counts go on). @default 1000 */
  maxFindings?: number;
}

interface Relationship {
  peer: string;
  role?: RoleId;
  roleInferredAt?: number;
  local?: number;
  partner?: number;
  moves: number;
  repeats: number;
  visited: Set<number>;
  deviations: number;
  accepted: number;
  violations: number;
}

/**
 * Judges the state changes of a log against the spec, one relationship at a
 * time, with the partner state known at each moment. Rules for reading real
 * logs: a repeated state is not a move; a partner not heard yet (a state no
 * role holds, such as an ISC log's "unknown-state") is unknown; a move that leaves a state
 * other than the last one seen is a gap, and judging goes on from the state
 * the line names; a move to the restart state is a crash or restart, which the
 * spec allows from any running state.
 */
export class LogJudge {
  private readonly oracle: MoveOracle;
  private readonly names = new Map<string, number>();
  private readonly relationships = new Map<string, Relationship>();
  private readonly profiles: ProfileSpec[];
  private readonly accepted?: ProfileSpec;
  readonly findings: LogFinding[] = [];
  findingsDropped = 0;

  constructor(
    private readonly model: Model,
    private readonly options: JudgeOptions = {},
  ) {
    this.oracle = new MoveOracle(model);
    for (const s of model.spec.states) {
      this.names.set(s.name, model.stateByName.get(s.name) as number);
      for (const alias of Object.values(s.aliases ?? {})) if (alias) this.names.set(alias, model.stateByName.get(s.name) as number);
    }
    this.profiles = model.spec.profiles ?? [];
    if (options.profile !== undefined) this.accepted = this.profiles.find((p) => p.name === options.profile);
  }

  /** Judges one line; `parsed` is what the format's reader made of it. */
  observe(lineNo: number, text: string, parsed: LogLine): void {
    if (!parsed) return;
    if (parsed.kind === 'malformed') {
      this.report({ line: lineNo, text, class: 'malformed', message: parsed.reason });
      return;
    }
    if (this.options.peer !== undefined && parsed.peer !== this.options.peer) return;
    const rel = this.relationship(parsed.peer);
    const to = this.stateOf(parsed.to);
    const from = parsed.from === undefined ? undefined : this.stateOf(parsed.from);
    for (const [name, id] of [
      [parsed.to, to],
      [parsed.from, from],
    ] as const) {
      if (name !== undefined && id === undefined) {
        this.report({ line: lineNo, text, class: 'malformed', peer: rel.peer, message: `"${name}" is not a state name the spec knows` });
        return;
      }
    }
    if (parsed.who === 'local') this.localMove(rel, lineNo, text, from === null ? undefined : from, to);
    else this.partnerMove(rel, lineNo, text, to);
  }

  private localMove(rel: Relationship, lineNo: number, text: string, from: number | undefined, to: number | null | undefined): void {
    if (to === null || to === undefined) return;
    const known = rel.local;
    if (from !== undefined && known !== undefined && from !== known) {
      const name = (id: number) => this.model.states[id]?.name;
      this.report({
        line: lineNo,
        text,
        class: 'gap',
        peer: rel.peer,
        message: `the log moves from ${name(from)}, but the last state seen was ${name(known)}; lines may be missing`,
      });
    }
    const start = from ?? known;
    this.inferRole(rel, to, 'local', lineNo);
    if (start === undefined || start === to) {
      if (start === to) rel.repeats++;
      rel.local = to;
      rel.visited.add(to);
      return;
    }
    rel.moves++;
    this.judge(rel, lineNo, text, start, to, rel.role, rel.partner, 'local');
    rel.local = to;
    rel.visited.add(to);
  }

  private partnerMove(rel: Relationship, lineNo: number, text: string, to: number | null | undefined): void {
    // A partner not heard yet (unknown-state) is unknown, and so is the move.
    if (to === undefined) return;
    if (to === null) {
      rel.partner = undefined;
      return;
    }
    const from = rel.partner;
    this.inferRole(rel, to, 'partner', lineNo);
    rel.partner = to;
    if (from === undefined) return;
    if (from === to) {
      rel.repeats++;
      return;
    }
    rel.moves++;
    const role = rel.role === undefined ? undefined : ((1 - rel.role) as RoleId);
    if (this.throughUnseenRestart(from, to, role, rel.local)) return;
    this.judge(rel, lineNo, text, from, to, role, rel.local, 'partner');
  }

  private judge(
    rel: Relationship,
    lineNo: number,
    text: string,
    from: number,
    to: number,
    role: RoleId | undefined,
    partner: number | undefined,
    who: string,
  ): void {
    const model = this.model;
    const allowed = this.oracle.allowed(from, role, partner);
    if (allowed.has(to)) return;
    const name = (id: number | undefined) => (id === undefined ? 'unknown' : (model.states[id]?.name ?? '?'));
    const subject = who === 'local' ? 'this server' : 'the partner';
    const other = who === 'local' ? 'the partner' : 'this server';
    const asRole = role === undefined ? '' : ` (${model.roles[role]})`;
    const describe = `${subject}${asRole} moved ${name(from)} -> ${name(to)} with ${other} ${partner === undefined ? 'unknown' : `in ${name(partner)}`}`;
    const departure = this.departure(from, to, role, partner);
    if (departure) {
      if (this.accepted && departure.profile === this.accepted.name) {
        rel.accepted++;
        return;
      }
      rel.deviations++;
      this.report({
        line: lineNo,
        text,
        class: 'deviation',
        peer: rel.peer,
        message: `${describe}: not in the draft, but a known departure of ${departure.profile} (${departure.id})`,
        departure,
      });
      return;
    }
    rel.violations++;
    const finding: LogFinding = {
      line: lineNo,
      text,
      class: 'violation',
      peer: rel.peer,
      message: `${describe}: no rule allows this move`,
      allowed: this.describeAllowed(allowed),
    };
    this.report(finding);
  }

  /**
   * A partner in a state that shows its memory (a restart state) is seen in that
   * memory, so a crash and restart is invisible: the partner may move
   * from -> restart -> to, remembering what halting records.
   */
  private throughUnseenRestart(from: number, to: number, role: RoleId | undefined, local: number | undefined): boolean {
    const model = this.model;
    if (!model.states[from]?.running) return false;
    for (const event of model.events) {
      if (event.action !== 'halt' || event.haltTo === undefined || !model.states[event.haltTo]?.showsMemory) continue;
      const recorded = event.haltMemory ?? recordedMemory(model, from, NO_MEMORY);
      const memory = recorded === NO_MEMORY ? undefined : recorded;
      if (this.oracle.allowed(event.haltTo, role, local, memory).has(to)) return true;
    }
    return false;
  }

  private departure(from: number, to: number, role: RoleId | undefined, partner: number | undefined): LogFinding['departure'] | undefined {
    const model = this.model;
    const ordered = this.accepted ? [this.accepted, ...this.profiles.filter((p) => p !== this.accepted)] : this.profiles;
    for (const profile of ordered) {
      for (const d of profile.departures ?? []) {
        if (model.stateByName.get(d.from) !== from || model.stateByName.get(d.to) !== to) continue;
        if (d.partner && partner !== undefined && !d.partner.includes(model.states[partner]?.name ?? '')) continue;
        return { profile: profile.name, id: d.id, evidence: d.evidence };
      }
      if (profile.merges_steps) {
        for (const middle of this.oracle.allowed(from, role, partner).keys()) {
          // Entering a state that keeps memory records the state left.
          const recorded = model.states[middle]?.memory ? recordedMemory(model, from, NO_MEMORY) : NO_MEMORY;
          const memory = recorded === NO_MEMORY ? undefined : recorded;
          if (this.oracle.allowed(middle, role, partner, memory).has(to)) {
            return {
              profile: profile.name,
              id: 'merged-steps',
              evidence: `two legal moves logged as one: ${model.states[from]?.name} -> ${model.states[middle]?.name} -> ${model.states[to]?.name}`,
            };
          }
        }
      }
    }
    return undefined;
  }

  private describeAllowed(allowed: Map<number, AllowedMove>): NonNullable<LogFinding['allowed']> {
    return [...allowed.values()]
      .sort((a, b) => a.to - b.to)
      .map((m) => {
        const entry: { to: string; by: string; ref?: string } = { to: this.model.states[m.to]?.name ?? '?', by: m.by };
        if (m.ref) entry.ref = m.ref;
        return entry;
      });
  }

  /** A state that only one role may hold tells the role (only a primary enters CONFLICT_DONE, say). */
  private inferRole(rel: Relationship, state: number, who: 'local' | 'partner', lineNo: number): void {
    if (rel.role !== undefined) return;
    const holders = ([0, 1] as RoleId[]).filter((r) => this.model.states[state]?.roles[r]);
    if (holders.length !== 1) return;
    const holder = holders[0] as RoleId;
    rel.role = who === 'local' ? holder : ((1 - holder) as RoleId);
    if (lineNo > 0) rel.roleInferredAt = lineNo;
  }

  /** The state a log name means: a number, null for "unknown" (a state no role holds), undefined for no such name. */
  private stateOf(name: string): number | null | undefined {
    const id = this.names.get(name);
    if (id === undefined) return undefined;
    return this.model.states[id]?.roles.some(Boolean) ? id : null;
  }

  private relationship(peer: string): Relationship {
    let rel = this.relationships.get(peer);
    if (!rel) {
      rel = { peer, moves: 0, repeats: 0, visited: new Set(), deviations: 0, accepted: 0, violations: 0 };
      const role = this.options.role === undefined ? -1 : this.model.roles.indexOf(this.options.role);
      if (role >= 0) rel.role = role as RoleId;
      this.relationships.set(peer, rel);
    }
    return rel;
  }

  private report(finding: LogFinding): void {
    if (this.findings.length < (this.options.maxFindings ?? 1000)) this.findings.push(finding);
    else this.findingsDropped++;
  }

  summaries(): RelationshipSummary[] {
    const name = (id: number | undefined) => (id === undefined ? null : (this.model.states[id]?.name ?? null));
    return [...this.relationships.values()]
      .sort((a, b) => a.peer.localeCompare(b.peer))
      .map((rel) => {
        const summary: RelationshipSummary = {
          peer: rel.peer,
          role: rel.role === undefined ? null : this.model.roles[rel.role],
          moves: rel.moves,
          repeats: rel.repeats,
          statesVisited: [...rel.visited].sort((a, b) => a - b).map((id) => this.model.states[id]?.name ?? '?'),
          deviations: rel.deviations,
          accepted: rel.accepted,
          violations: rel.violations,
          local: name(rel.local),
          partner: name(rel.partner),
        };
        if (rel.roleInferredAt !== undefined) summary.roleInferredAt = rel.roleInferredAt;
        return summary;
      });
  }
}
