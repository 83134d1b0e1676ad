/**
 * Conformance vectors as plain data, by name: what `fsmkit vectors` writes
 * (JSON, schema `spec/fsmkit-vectors.schema.json`) and what the harness of
 * `fsmkit/testing` runs. Nothing here needs the spec to be read.
 */

/** Version of the vector format; bumped when a field changes meaning. */
export const VECTORS_FORMAT = 1;

/** How the vectors were chosen. */
export type Coverage = 'rules' | 'states' | 'pairs' | 'transitions';

/** One server as a vector states it. */
export interface VectorServer {
  state: string;
  /** The previous-state (the spec's memory), or null when the server keeps none. */
  previous: string | null;
  /** The spec's flag (false when the spec has none). */
  flag: boolean;
}

/** What one server is told in one step. */
export interface VectorInput {
  event: string;
  /** The state the partner shows: its memory when its state shows memory. */
  partner: string;
  /** The partner is in a state that shows its memory instead of itself (a restart state). */
  partnerStartup: boolean;
  /** ok: network up and both running; up: network up, not both running; down: network down. */
  link: 'ok' | 'up' | 'down';
  /** The partner is in, or stands for, a state the flag watches (the spec's `flag.watch`). */
  watch: boolean;
}

export interface VectorStep {
  input: VectorInput;
  /** Where the server must be after the input. */
  expect: VectorServer;
  /** The rule that decides this step, or null (a halt, or nothing applies). */
  rule: string | null;
  /** Section of the source document behind this step. */
  ref: string | null;
}

export interface Vector {
  /** Unique within the file, stable across runs. */
  id: string;
  /** rule: makes one rule fire; halt: a crash, pause or shutdown records the previous-state; negative: inputs that must change nothing; path: a path of the pair from its initial state. */
  kind: 'rule' | 'halt' | 'negative' | 'path';
  role: string;
  /** rule: the rule covered; negative: the rule whose guard boundary the inputs probe. */
  rule: string | null;
  start: VectorServer;
  steps: VectorStep[];
}

export interface VectorSummary {
  vectors: number;
  steps: number;
  /** rules: role-rule pairs covered and coverable. */
  rulesCovered?: number;
  rulesTotal?: number;
  /** rules: rule ids no single-server input can fire for a role, by role. */
  uncovered?: string[];
  negativeSteps?: number;
  /** rules: vectors of the halt events (one per event, role and running state). */
  haltVectors?: number;
  /** states, pairs, transitions: targets covered, and the fewest paths any cover needs. */
  targets?: number;
  /** states, pairs, transitions: paths of the pair chosen, and their steps. */
  paths?: number;
  pathSteps?: number;
  lowerBound?: number;
  stepsLowerBound?: number;
}

export interface VectorFile {
  fsmkitVectors: typeof VECTORS_FORMAT;
  spec: string;
  coverage: Coverage;
  /** The configuration of the explorer's graph (states, pairs, transitions), or null. */
  configuration: string | null;
  roles: string[];
  states: string[];
  events: string[];
  summary: VectorSummary;
  vectors: Vector[];
}
