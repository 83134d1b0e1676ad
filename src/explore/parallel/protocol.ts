import type { MessagePort } from 'node:worker_threads';
import type { StateTableParts } from '../state-table.js';

/**
 * How the coordinator and the workers of a parallel run talk. Commands and
 * "done" go through a small shared Int32Array (Atomics.wait / notify), so
 * neither side needs an event loop and `explore` stays synchronous; keys and
 * results travel as messages read with `receiveMessageOnPort`.
 */
export const CONTROL = {
  /** Bumped by the coordinator for every command. */
  generation: 0,
  command: 1,
  /** Workers add 1 when they finish a command (a failing worker adds the worker count, so no wait can miss it). */
  done: 2,
  failed: 3,
  length: 4,
} as const;

export const COMMAND = {
  /** Expand the frontier, route successors to their owners. */
  expand: 1,
  /** Insert the keys received; the new ones are the next frontier. */
  insert: 2,
  /** Hand the partition to the coordinator and end. */
  finish: 3,
  /** End without handing anything over. */
  stop: 4,
} as const;

/** Per worker, one row of doubles in the shared stats array. */
export const STAT = {
  /** expand: distinct (state, successor) pairs. */
  transitions: 0,
  /** expand: smallest key without any step at this level, or -1. */
  deadlock: 1,
  /** insert: new states, the next frontier's length. */
  added: 2,
  /** insert: system states the new ones stand for. */
  fullStates: 3,
  width: 4,
} as const;

/** What a worker is started with (structured-cloned once). */
export interface WorkerInit {
  index: number;
  workers: number;
  relationships: number;
  symmetry: boolean;
  hasEnvironment: boolean;
  /** The closed local table's arrays (copies). */
  moveStart: Int32Array;
  moveEnd: Int32Array;
  moveData: Int32Array;
  sharedData: Int32Array;
  sharedCount: number;
  localStates: number;
  /** The most distinct successors one state can have. */
  maxSuccessors: number;
  control: SharedArrayBuffer;
  stats: SharedArrayBuffer;
  port: MessagePort;
  /** States found before the workers started that this worker owns, and their depths. */
  seedKeys: Float64Array;
  seedDepths: Uint16Array;
  /** The owned keys of the level to expand first, at depth `depth`. */
  frontier: Float64Array;
  depth: number;
  /** A test hook: worker 0 throws when it starts expanding this level (counted from the first parallel level); -1 never. */
  crashAtLevel: number;
}

/** Coordinator to worker: keys another worker routed here. */
export interface KeysMessage {
  keys: Float64Array;
}

/** Worker to coordinator. */
export type WorkerMessage =
  | { kind: 'keys'; to: number; keys: Float64Array }
  | { kind: 'finished'; parts: StateTableParts; firstSeen: Float64Array; firstDepth: Int32Array }
  | { kind: 'failed'; message: string };
