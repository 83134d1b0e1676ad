/**
 * The spec as written in YAML, once it has passed the schema check
 * (spec/fsmkit.schema.json). Field names follow the YAML exactly.
 */
export interface Spec {
  fsmkit: 1;
  name: string;
  title: string;
  source?: string;
  outputs?: { dir?: string; enum?: { name: string; numbering: string }; docs?: { dir: string; pairs?: string } };
  roles: RoleSpec[];
  numberings: ColumnSpec[];
  aliases?: ColumnSpec[];
  services: ServiceSpec[];
  memory?: Described & { name: string };
  flag?: Described & { name: string; watch: string[] };
  states: StateSpec[];
  events: EventSpec[];
  rules: RuleSpec[];
  pair?: PairSpec;
  properties?: PropertySpec[];
  configurations?: ConfigurationSpec[];
  profiles?: ProfileSpec[];
  scenarios?: ScenarioSpec[];
}

export interface Described {
  description: string;
  ref?: string;
}

export interface RoleSpec extends Described {
  name: string;
}

export interface ColumnSpec extends Described {
  name: string;
  required?: boolean;
}

export interface ServiceSpec extends Described {
  name: string;
  serves: boolean;
}

export interface StateSpec extends Described {
  name: string;
  values: Record<string, number | null>;
  aliases?: Record<string, string | null>;
  service: string;
  communicating: boolean;
  roles: string[];
  running?: boolean;
  memory?: boolean;
  shows?: 'self' | 'memory';
  announced?: boolean;
  final?: boolean;
  ref: string;
}

export type EventKind = 'protocol' | 'environment' | 'link-lost';
export type EventAction = 'network-down' | 'network-up' | 'halt';

export interface EventSpec extends Described {
  name: string;
  kind: EventKind;
  action?: EventAction;
  to?: string;
  memory?: string;
  healing?: boolean;
  partner_running?: boolean;
  /** With several relationships: does the event act on one relationship or on every relationship of the host. */
  scope?: EventScope;
}

export type EventScope = 'host' | 'relationship';

/**
 * What one occurrence of an event moves when several relationships join two
 * hosts: network events move every relationship, other events what their
 * `scope` says (one relationship unless `host`).
 */
export function eventScope(event: Pick<EventSpec, 'action' | 'scope'>): 'network' | EventScope {
  if (event.action === 'network-down' || event.action === 'network-up') return 'network';
  return event.scope ?? 'relationship';
}

export type LinkCondition = 'ok' | 'up' | 'down' | 'any';
export type PartnerGuard = string[] | { except: string[] };

/** Target of a rule that returns to the remembered state. */
export const MEMORY_TARGET = '@memory';

export interface RuleSpec extends Described {
  id: string;
  from: string;
  to: string;
  on: string | string[];
  role?: string;
  link?: LinkCondition;
  partner?: PartnerGuard;
  partner_shows_memory?: boolean;
  partner_running?: boolean;
  flag?: 'set' | 'unset';
  set_memory?: string;
  note?: string;
  ref: string;
}

export interface PairSpec {
  initial: { state: string; network: 'up' | 'down' };
  goal: Record<string, string>;
}

export type StateSet = string[] | { serves: boolean };

export type PropertyKind = 'reachability' | 'no-stuck' | 'recoverable' | 'invariant' | 'entry';

export interface PropertySpec extends Described {
  name: string;
  kind: PropertyKind;
  never?: { one: StateSet; other: StateSet };
  /** kind entry: states whose entry is constrained. */
  enters?: string[];
  /** kind entry: the partner states allowed when entering. */
  partner?: string[];
  /** kind entry: only entries from these states are constrained. */
  from?: string[];
}

export type Verdict = 'holds' | 'violated';
export interface ReachExpectation {
  unreached?: string[];
  unfired?: string[];
}

export interface ConfigurationSpec extends Described {
  name: string;
  steps: string[];
  /** Relationships (copies of the pair) between the same two hosts. @default 1 */
  relationships?: number;
  /** Count states equal up to the order of relationships once. @default true */
  symmetry?: boolean;
  expect?: Record<string, Verdict | ReachExpectation>;
}

/** A way an implementation knowingly departs from the source: an extra move it makes. */
export interface DepartureSpec {
  id: string;
  from: string;
  to: string;
  partner?: string[];
  description: string;
  evidence: string;
}

/** A named implementation (one vendor's server, say) and its known departures. */
export interface ProfileSpec {
  name: string;
  description: string;
  merges_steps?: boolean;
  departures?: DepartureSpec[];
}

/**
 * A pair written as the spec writes it: each role's server in the notation
 * `STATE`, `STATE[MEMORY]`, with a trailing `*` when the flag is set, and
 * optionally the network.
 */
export type PairSpecState = Record<string, string> & { network?: 'up' | 'down' };

/** One step of a scenario: a rule or an event of one server (or of the network), then what must hold. */
export interface ScenarioStepSpec {
  server?: string;
  rule?: string;
  event?: string;
  expect?: PairSpecState;
  /** Exactly the protocol steps possible afterwards, as `role:rule-id`. */
  next?: string[];
}

/** A short run of the pair written from the source document, replayed by `fsmkit check`. */
export interface ScenarioSpec extends Described {
  name: string;
  from?: PairSpecState;
  steps: ScenarioStepSpec[];
}
