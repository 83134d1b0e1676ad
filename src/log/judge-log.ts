import { type Model, NO_MEMORY, type RoleId } from '../model/model.js';
import { type AllowedMove, MoveOracle } from '../model/move-oracle.js';
import { compileProfiles, type Profile } from '../model/profiles.js';
import { recordedMemory, rememberedStates } from '../model/remembered-states.js';
import { DepartureFinder } from './departure-finder.js';
import { explainRefusal } from './explain-refusal.js';
import type { LogEvent } from './log-event.js';
import { quoteLine, sanitize } from './sanitize.js';

export type FindingClass = 'violation' | 'role-conflict' | 'gap' | 'malformed' | 'overlong' | 'untracked';

/** One thing worth telling about one log line. */
export interface LogFinding {
  /** The input file, as given. */
  file: string;
  line: number;
  /** The line, shortened and with control characters escaped. */
  text: string;
  class: FindingClass;
  peer?: string;
  host?: string;
  /** Whose move: the server that wrote the line, or its partner. */
  actor?: 'local' | 'partner';
  from?: string;
  to?: string;
  /** The state the other server was last seen in (null: unknown). */
  partnerState?: string | null;
  /** The mover's role (null: unknown). */
  role?: string | null;
  /** The remembered state(s) the mover came back with, when it matters. */
  memory?: string[];
  /** For a violation: the nearest rule, its section, and the condition that failed. */
  rule?: string;
  section?: string;
  condition?: string;
  message: string;
  /** What the spec allows from the state the move left, given what was known. */
  allowed?: { to: string; by: string; ref?: string }[];
  /** A profile departure that would accept this violation (`--profile NAME`). */
  departure?: { profile: string; id: string; evidence: string };
}

/** What the log showed of one relationship, as one server saw it. */
export interface RelationshipSummary {
  peer: string;
  host: string | null;
  role: string | null;
  /** How the role is known: given, inferred from a state only one role holds, or from the other host of the pair. */
  roleFrom: 'given' | 'inferred' | 'pair' | null;
  /** Where the role was inferred. */
  roleInferredAt?: { file: string; line: number };
  moves: number;
  repeats: number;
  statesVisited: string[];
  accepted: number;
  violations: number;
  roleConflicts: number;
  gaps: number;
  local: string | null;
  partner: string | null;
}

/** Roles given on the command line: for everything, or by relationship, host, or host:relationship. */
export interface GivenRoles {
  all?: string;
  by?: Record<string, string>;
}

export interface JudgeOptions {
  roles?: GivenRoles;
  /** Judge only this relationship. */
  peer?: string;
  /** Accept this profile's departures. */
  profile?: string;
  /** Keep at most this many findings (counts go on). @default 1000 */
  maxFindings?: number;
  /** Follow at most this many (host, relationship) pairs; lines of others are counted. @default 100000 */
  maxRelationships?: number;
}

interface Endpoint {
  peer: string;
  host?: string;
  role?: RoleId;
  roleFrom?: 'given' | 'inferred' | 'pair';
  roleInferredAt?: { file: string; line: number };
  local?: number;
  /** Candidates for the remembered state while the server keeps one; undefined: unknown. */
  memory?: number[];
  partner?: number;
  partnerMemory?: number[];
  moves: number;
  repeats: number;
  /** Row of this endpoint in the judge's table of visited states. */
  slot: number;
  accepted: number;
  violations: number;
  roleConflicts: number;
  gaps: number;
}

type Name = (id: number | undefined) => string;

/**
 * Judges the state changes of a log against the spec, one (host,
 * relationship) at a time, with the partner state known at each moment.
 * Rules for reading real logs: a repeated state is not a move; a partner not
 * heard yet (a state no role holds) is unknown; a line that leaves a state
 * other than the last one seen is a gap, and judging goes on from the state
 * the line names; after a violation judging goes on from the state the line
 * reached, so one bad line makes one finding.
 */
export class LogJudge {
  private readonly oracle: MoveOracle;
  private readonly names = new Map<string, number>();
  /** Endpoints by host (undefined: the line names none), then relationship. */
  private readonly endpoints = new Map<string | undefined, Map<string, Endpoint>>();
  private count = 0;
  /** Endpoints per relationship name, to pair the two hosts of a central log. */
  private readonly byPeer = new Map<string, Endpoint[]>();
  private readonly departures: DepartureFinder;
  private readonly accepted?: Profile;
  private readonly remembered: number[];
  private readonly name: Name;
  /** soleHolder[s]: the only role that may hold s, or -1. */
  private readonly soleHolder: number[];
  readonly findings: LogFinding[] = [];
  findingsDropped = 0;
  /** Lines of relationships beyond the cap. */
  untracked = 0;
  /** Relationship names seen, including those --peer left out (at most 100; raw, sanitize before showing). */
  readonly peersSeen = new Set<string>();
  malformed = 0;
  private files: readonly string[] = [];
  /** One row per endpoint, one byte per state: 1 when the server was seen in it. */
  private visited = new Uint8Array(0);

  constructor(
    private readonly model: Model,
    private readonly options: JudgeOptions = {},
  ) {
    this.oracle = new MoveOracle(model);
    for (const s of model.spec.states) {
      this.names.set(s.name, model.stateByName.get(s.name) as number);
      for (const alias of Object.values(s.aliases ?? {})) if (alias) this.names.set(alias, model.stateByName.get(s.name) as number);
    }
    const profiles = compileProfiles(model);
    if (options.profile !== undefined) this.accepted = profiles.find((p) => p.name === options.profile);
    this.remembered = rememberedStates(model);
    this.departures = new DepartureFinder(model, this.oracle, profiles, this.accepted);
    this.soleHolder = model.states.map((st) => (st.roles[0] && !st.roles[1] ? 0 : st.roles[1] && !st.roles[0] ? 1 : -1));
    this.name = (id) => (id === undefined ? 'unknown' : (model.states[id]?.name ?? '?'));
  }

  /** Names the inputs, for findings. */
  setFiles(files: readonly string[]): void {
    this.files = files;
  }

  /** A line check-log could not read as a state change. */
  malformedLine(input: number, line: number, text: string, reason: string): void {
    this.malformed++;
    this.report({ file: this.files[input] ?? '-', line, text: quoteLine(text), class: 'malformed', message: reason });
  }

  /** A line over the length cap. */
  overlongLine(input: number, line: number, length: number, cap: number): void {
    this.malformed++;
    this.report({
      file: this.files[input] ?? '-',
      line,
      text: '',
      class: 'overlong',
      message: `the line is ${length} characters long, over the cap of ${cap}; it was skipped unread`,
    });
  }

  /** Judges one state change. */
  observe(event: LogEvent): void {
    const move = event.move;
    if (this.peersSeen.size < 100) this.peersSeen.add(move.peer);
    if (this.options.peer !== undefined && move.peer !== this.options.peer) return;
    const ep = this.endpoint(move.peer, move.host, event);
    if (!ep) return;
    const to = this.stateOf(move.to);
    const from = move.from === undefined ? undefined : this.stateOf(move.from);
    if (to === undefined || (move.from !== undefined && from === undefined)) {
      const name = to === undefined ? move.to : (move.from as string);
      this.malformed++;
      this.report({ ...this.place(event, ep), class: 'malformed', message: `"${sanitize(name)}" is not a state name the spec knows` });
      return;
    }
    const times = 1 + (event.repeated ?? 0);
    if (move.who === 'local') this.localMove(ep, event, from ?? undefined, to);
    else this.partnerMove(ep, event, from ?? undefined, to);
    // Copies folded by rsyslog repeat a state already reached: no move.
    ep.repeats += times - 1;
  }

  private localMove(ep: Endpoint, event: LogEvent, from: number | undefined, to: number | null | undefined): void {
    if (to === undefined) return;
    if (to === null) {
      ep.local = undefined;
      return;
    }
    const known = ep.local;
    if (from !== undefined && known !== undefined && from !== known) {
      ep.gaps++;
      this.report(() => ({
        ...this.place(event, ep),
        class: 'gap',
        actor: 'local',
        message: `the line leaves ${this.name(from)}, but this server was last seen in ${this.name(known)}; lines may be missing, judging goes on from ${this.name(from)}`,
      }));
    }
    const start = from ?? known;
    this.checkRole(ep, to, 'local', event);
    this.visit(ep, to);
    if (start === undefined || start === to) {
      if (start === to) ep.repeats++;
      ep.local = to;
      return;
    }
    if (start !== known) ep.memory = undefined;
    ep.moves++;
    const memory = this.model.states[start]?.memory ? ep.memory : undefined;
    this.judge(ep, event, 'local', start, to, ep.role, ep.partner, memory);
    ep.memory = this.memoryAfter(start, to, ep.memory);
    ep.local = to;
  }

  private partnerMove(ep: Endpoint, event: LogEvent, from: number | null | undefined, to: number | null | undefined): void {
    if (to === undefined) return;
    if (to === null) {
      ep.partner = undefined;
      return;
    }
    const known = ep.partner;
    // The line names the state the server last knew its partner in; "unknown" (null) tells nothing.
    if (from !== undefined && from !== null && known !== undefined && from !== known) {
      ep.gaps++;
      this.report(() => ({
        ...this.place(event, ep),
        class: 'gap',
        actor: 'partner',
        message: `the line says the partner left ${this.name(from)}, but it was last seen in ${this.name(known)}; lines may be missing, judging goes on from ${this.name(from)}`,
      }));
    }
    const start = from ?? known;
    this.checkRole(ep, to, 'partner', event);
    if (start === undefined || start === to) {
      if (start === to) ep.repeats++;
      ep.partner = to;
      return;
    }
    if (start !== known) ep.partnerMemory = undefined;
    ep.moves++;
    const role = ep.role === undefined ? undefined : ((1 - ep.role) as RoleId);
    const memory = this.model.states[start]?.memory ? ep.partnerMemory : undefined;
    const legal = this.allowedFrom(start, role, ep.local, memory).has(to) || this.throughUnseenRestart(start, to, role, ep.local, memory);
    // When the partner's own lines are in the log too, its moves are judged there, with what it knew:
    // one mistake, one finding, not one per server that saw it.
    if (!legal && !this.partnerLogs(ep)) this.judge(ep, event, 'partner', start, to, role, ep.local, memory);
    ep.partnerMemory = this.memoryAfter(start, to, ep.partnerMemory);
    ep.partner = to;
  }

  /**
   * What a server remembers after moving `from` -> `to`: a state that keeps a
   * memory either carries the one it had (a restart from a stopped state, say) or
   * records one as it is entered (a crash records the state left, mapped
   * through its link-lost transition; some halts and rules set it outright).
   */
  private memoryAfter(from: number, to: number, memory: number[] | undefined): number[] | undefined {
    const model = this.model;
    if (!model.states[to]?.memory) return undefined;
    const found = new Set<number>();
    let unknown = false;
    if (model.states[from]?.running) {
      for (const e of model.events) if (e.action === 'halt' && e.haltTo === to) found.add(e.haltMemory ?? recordedMemory(model, from, NO_MEMORY));
    }
    for (const r of model.rules) {
      if (r.from !== from || r.to !== to) continue;
      if (r.setMemory !== NO_MEMORY) found.add(r.setMemory);
      else if (model.states[from]?.memory) {
        if (memory === undefined) unknown = true;
        else for (const m of memory) found.add(m);
      } else found.add(recordedMemory(model, from, NO_MEMORY));
    }
    found.delete(NO_MEMORY);
    if (unknown || found.size === 0) return undefined;
    return [...found].sort((a, b) => a - b);
  }

  /**
   * A partner that stops and starts again unseen (a crash, or a restart from
   * a stopped state) shows its remembered state while it is in a restart
   * state, then leaves that state as the rules say: `from` -> (restart) -> `to`.
   */
  private throughUnseenRestart(from: number, to: number, role: RoleId | undefined, local: number | undefined, memory: number[] | undefined): boolean {
    const model = this.model;
    const paths: [number, number[] | undefined][] = [];
    if (model.states[from]?.running) {
      for (const e of model.events) {
        if (e.action !== 'halt' || e.haltTo === undefined || !model.states[e.haltTo]?.showsMemory) continue;
        paths.push([e.haltTo, [e.haltMemory ?? recordedMemory(model, from, NO_MEMORY)]]);
      }
    } else {
      for (const r of model.rules) {
        if (r.from !== from || r.stay || r.to < 0 || !model.states[r.to]?.showsMemory) continue;
        paths.push([r.to, r.setMemory !== NO_MEMORY ? [r.setMemory] : memory]);
      }
    }
    for (const [restart, memories] of paths) {
      for (const m of memories ?? this.remembered) {
        if (m === NO_MEMORY) continue;
        if (m === to || this.oracle.allowed(restart, role, local, m).has(to)) return true;
      }
    }
    return false;
  }

  private allowedFrom(from: number, role: RoleId | undefined, partner: number | undefined, memory: number[] | undefined): Map<number, AllowedMove> {
    if (memory === undefined) return this.oracle.allowed(from, role, partner);
    const all = new Map<number, AllowedMove>();
    for (const m of memory) for (const [to, move] of this.oracle.allowed(from, role, partner, m)) if (!all.has(to)) all.set(to, move);
    return all;
  }

  private judge(
    ep: Endpoint,
    event: LogEvent,
    actor: 'local' | 'partner',
    from: number,
    to: number,
    role: RoleId | undefined,
    partner: number | undefined,
    memory: number[] | undefined,
  ): void {
    const model = this.model;
    const allowed = this.allowedFrom(from, role, partner, memory);
    if (allowed.has(to)) return;
    const departure = this.departures.explain(from, to, role, partner, memory);
    if (departure && this.accepted && departure.profile === this.accepted.name) {
      ep.accepted++;
      return;
    }
    ep.violations++;
    this.report(() => {
      const subject = actor === 'local' ? 'this server' : 'the partner';
      const other = actor === 'local' ? 'the partner' : 'this server';
      const asRole = role === undefined ? '' : ` (${model.roles[role]})`;
      const refusal = explainRefusal(model, from, to, role, partner, memory);
      const finding: LogFinding = {
        ...this.place(event, ep),
        class: 'violation',
        actor,
        from: this.name(from),
        to: this.name(to),
        partnerState: partner === undefined ? null : this.name(partner),
        role: role === undefined ? null : (model.roles[role] ?? null),
        message: `${subject}${asRole} moved ${this.name(from)} -> ${this.name(to)} with ${other} ${partner === undefined ? 'unknown' : `in ${this.name(partner)}`}: ${refusal.condition}`,
        condition: refusal.condition,
        allowed: this.describeAllowed(allowed),
      };
      if (memory !== undefined) finding.memory = memory.map((m) => this.name(m));
      if (refusal.rule !== undefined) finding.rule = refusal.rule;
      if (refusal.section !== undefined) finding.section = refusal.section;
      if (departure) finding.departure = { profile: departure.profile, id: departure.id, evidence: departure.evidence };
      return finding;
    });
  }

  private describeAllowed(allowed: Map<number, AllowedMove>): NonNullable<LogFinding['allowed']> {
    return [...allowed.values()]
      .sort((a, b) => a.to - b.to)
      .map((m) => {
        const entry: { to: string; by: string; ref?: string } = { to: this.name(m.to), by: m.by };
        if (m.ref) entry.ref = m.ref;
        return entry;
      });
  }

  /**
   * A state only one role may hold tells the role (a state the spec gives
   * to one role only). A role given or inferred before that the log
   * contradicts is reported once as a role conflict, and judging follows the
   * log from there.
   */
  private checkRole(ep: Endpoint, state: number, who: 'local' | 'partner', event: LogEvent): void {
    const holder = this.soleHolder[state] ?? -1;
    if (holder < 0) return;
    const shown = (who === 'local' ? holder : 1 - holder) as RoleId;
    const holderName = this.model.roles[holder];
    if (ep.role === shown) return;
    const at = { file: this.files[event.input] ?? '-', line: event.line };
    if (ep.role !== undefined) {
      ep.roleConflicts++;
      const was = ep.roleFrom === 'given' ? 'given as' : ep.roleFrom === 'pair' ? 'taken (from the other host) to be' : 'inferred to be';
      this.report({
        ...this.place(event, ep),
        class: 'role-conflict',
        actor: who,
        to: this.name(state),
        role: this.model.roles[ep.role] ?? null,
        message: `this server was ${was} the ${this.model.roles[ep.role]}, but ${who === 'local' ? 'it' : 'its partner'} enters ${this.name(state)}, which only the ${holderName} holds; it is judged as the ${this.model.roles[shown]} from here`,
      });
    }
    ep.role = shown;
    ep.roleFrom = 'inferred';
    ep.roleInferredAt = at;
    this.pairRoles(ep);
  }

  /** Does the log carry the partner's own lines about this relationship (a central log with both hosts)? */
  private partnerLogs(ep: Endpoint): boolean {
    if (ep.host === undefined) return false;
    const pair = this.byPeer.get(ep.peer);
    return pair !== undefined && pair.length === 2 && pair.every((e) => e.host !== undefined);
  }

  /** In a log with both hosts of a relationship, one host's role gives the other's. */
  private pairRoles(ep: Endpoint): void {
    if (ep.role === undefined || ep.host === undefined) return;
    const pair = this.byPeer.get(ep.peer) ?? [];
    if (pair.length !== 2) return;
    const other = pair[0] === ep ? pair[1] : pair[0];
    // A role taken from the pair follows when the first host's role is corrected.
    if (!other || (other.role !== undefined && other.roleFrom !== 'pair')) return;
    other.role = (1 - ep.role) as RoleId;
    other.roleFrom = 'pair';
  }

  private visit(ep: Endpoint, state: number): void {
    const at = ep.slot * this.model.states.length + state;
    if (at >= this.visited.length) {
      const grown = new Uint8Array(Math.max(1024, (ep.slot + 1) * this.model.states.length * 2));
      grown.set(this.visited);
      this.visited = grown;
    }
    this.visited[at] = 1;
  }

  /** The state a log name means: a number, null for a state no role holds ("not heard yet"), undefined for no such name. */
  private stateOf(name: string): number | null | undefined {
    const id = this.names.get(name);
    if (id === undefined) return undefined;
    return this.model.states[id]?.roles.some(Boolean) ? id : null;
  }

  private endpoint(peer: string, host: string | undefined, event: LogEvent): Endpoint | undefined {
    let byHost = this.endpoints.get(host);
    let ep = byHost?.get(peer);
    if (ep) return ep;
    if (this.count >= (this.options.maxRelationships ?? 100_000)) {
      if (this.untracked++ === 0) {
        this.report({
          file: this.files[event.input] ?? '-',
          line: event.line,
          text: quoteLine(event.text),
          class: 'untracked',
          message: `more than ${this.count} relationships; lines of further ones are counted but not judged`,
        });
      }
      return undefined;
    }
    ep = { peer, moves: 0, repeats: 0, slot: this.count, accepted: 0, violations: 0, roleConflicts: 0, gaps: 0 };
    if (host !== undefined) ep.host = host;
    const given = this.givenRole(peer, host);
    if (given !== undefined) {
      ep.role = given;
      ep.roleFrom = 'given';
    }
    if (!byHost) {
      byHost = new Map();
      this.endpoints.set(host, byHost);
    }
    byHost.set(peer, ep);
    this.count++;
    let pair = this.byPeer.get(peer);
    if (!pair) {
      pair = [];
      this.byPeer.set(peer, pair);
    }
    pair.push(ep);
    if (pair.length === 2) {
      const [a, b] = pair as [Endpoint, Endpoint];
      if (a.role !== undefined && b.role === undefined) this.pairRoles(a);
      else if (b.role !== undefined && a.role === undefined) this.pairRoles(b);
    }
    return ep;
  }

  private givenRole(peer: string, host: string | undefined): RoleId | undefined {
    const roles = this.options.roles;
    if (!roles) return undefined;
    const by = roles.by ?? {};
    const name = (host !== undefined ? (by[`${host}:${peer}`] ?? by[host]) : undefined) ?? by[peer] ?? roles.all;
    if (name === undefined) return undefined;
    const id = this.model.roles.indexOf(name);
    return id < 0 ? undefined : (id as RoleId);
  }

  private place(event: LogEvent, ep: Endpoint): Pick<LogFinding, 'file' | 'line' | 'text' | 'peer' | 'host'> {
    const place: Pick<LogFinding, 'file' | 'line' | 'text' | 'peer' | 'host'> = {
      file: this.files[event.input] ?? '-',
      line: event.line,
      text: quoteLine(event.text),
      peer: sanitize(ep.peer),
    };
    if (ep.host !== undefined) place.host = sanitize(ep.host);
    return place;
  }

  /** Keeps a finding while there is room; the finding is only built then (a long bad log makes many). */
  private report(finding: LogFinding | (() => LogFinding)): void {
    if (this.findings.length < (this.options.maxFindings ?? 1000)) this.findings.push(typeof finding === 'function' ? finding() : finding);
    else this.findingsDropped++;
  }

  summaries(): RelationshipSummary[] {
    const name = (id: number | undefined) => (id === undefined ? null : (this.model.states[id]?.name ?? null));
    return [...this.endpoints.values()]
      .flatMap((byPeer) => [...byPeer.values()])
      .sort((a, b) => (a.peer < b.peer ? -1 : a.peer > b.peer ? 1 : (a.host ?? '') < (b.host ?? '') ? -1 : (a.host ?? '') > (b.host ?? '') ? 1 : 0))
      .map((ep) => {
        const summary: RelationshipSummary = {
          peer: sanitize(ep.peer),
          host: ep.host === undefined ? null : sanitize(ep.host),
          role: ep.role === undefined ? null : (this.model.roles[ep.role] ?? null),
          roleFrom: ep.roleFrom ?? null,
          moves: ep.moves,
          repeats: ep.repeats,
          statesVisited: this.model.states.filter((s) => this.visited[ep.slot * this.model.states.length + s.id]).map((s) => s.name),
          accepted: ep.accepted,
          violations: ep.violations,
          roleConflicts: ep.roleConflicts,
          gaps: ep.gaps,
          local: name(ep.local),
          partner: name(ep.partner),
        };
        if (ep.roleInferredAt !== undefined) summary.roleInferredAt = ep.roleInferredAt;
        return summary;
      });
  }
}
