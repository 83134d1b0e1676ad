import type { EventKind, LinkCondition, Spec } from '../spec/spec-types.js';

/** Index of a state in `Model.states`; a number underneath. */
export type StateId = number & { readonly __brand: 'StateId' };
/** Index of a role in `Model.roles` (0 or 1: the pair has two). */
export type RoleId = 0 | 1;

/** Rule target meaning "the remembered state". */
export const TO_MEMORY = -1;
/** No remembered state. */
export const NO_MEMORY = -1;

export interface ModelState {
  id: StateId;
  name: string;
  /** roles[r]: may role r hold this state. */
  roles: readonly boolean[];
  running: boolean;
  memory: boolean;
  showsMemory: boolean;
  announced: boolean;
  serves: boolean;
  final: boolean;
}

export interface ModelEvent {
  id: number;
  name: string;
  kind: EventKind;
  action?: 'network-down' | 'network-up' | 'halt';
  /** With action halt: target state. */
  haltTo?: StateId;
  /** With action halt: state to remember, NO_MEMORY to remember nothing, or undefined for "recorded". */
  haltMemory?: StateId;
  healing: boolean;
  partnerRunning?: boolean;
  /**
   * With several relationships between two hosts, what one occurrence moves:
   * every relationship (network), every relationship of one host (host),
   * or a single relationship.
   */
  scope: 'network' | 'host' | 'relationship';
}

export interface ModelRule {
  /** Position in `Model.rules` and in the spec's `rules` list. */
  index: number;
  id: string;
  from: StateId;
  /** Target state, or TO_MEMORY. */
  to: number;
  events: readonly number[];
  /** Only for this role, or undefined for every role that may hold `from`. */
  role?: RoleId;
  link: LinkCondition;
  /** partner[s]: may the partner show state s; undefined when unguarded. */
  partner?: readonly boolean[];
  partnerShowsMemory?: boolean;
  partnerRunning?: boolean;
  flag?: boolean;
  /** State to remember on arrival, or NO_MEMORY. */
  setMemory: number;
  /** Stays in `from` and changes nothing: documents a "do nothing" line. */
  stay: boolean;
}

/** A checked spec compiled to indexes: what the explorer and generators use. */
export interface Model {
  spec: Spec;
  roles: readonly [string, string];
  states: readonly ModelState[];
  stateByName: ReadonlyMap<string, StateId>;
  events: readonly ModelEvent[];
  eventByName: ReadonlyMap<string, number>;
  rules: readonly ModelRule[];
  /** linkLost[s]: where the communications-failed transition takes s (s itself when none). */
  linkLost: readonly StateId[];
  /** flagWatch[s]: does a partner in (or standing for) s make the flag live. */
  flagWatch: readonly boolean[];
  hasFlag: boolean;
  /** The shape each declared configuration runs in, in spec order: relationships (default 1), symmetry (default on). */
  shapes: readonly { relationships: number; symmetry: boolean }[];
}
