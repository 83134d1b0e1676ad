import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ExploreLimit, ExploreOptions } from '../explore.js';
import type { LocalTable } from '../local-table.js';
import type { StateTable, StateTableParts } from '../state-table.js';
import type { SystemCodec } from '../system-codec.js';
import { ownerOf, PartitionedStateTable } from './partitioned-table.js';
import { COMMAND, CONTROL, STAT, type WorkerInit, type WorkerMessage } from './protocol.js';

/** Where the single-threaded search hands over: everything it found, and the level to expand next. */
export interface ParallelStart {
  table: LocalTable;
  codec: SystemCodec;
  hasEnvironment: boolean;
  states: StateTable;
  frontier: Float64Array;
  /** Depth of the frontier's states. */
  depth: number;
  workers: number;
  maxSuccessors: number;
  options: ExploreOptions;
  /** performance.now() when the run started, for progress. */
  started: number;
}

/** What the parallel levels add to the run. */
export interface ParallelResult {
  states: PartitionedStateTable;
  /** Sizes of the levels found after the frontier. */
  levels: number[];
  transitions: number;
  fullStates: number;
  /** Per local state, the smallest key among the shallowest new states holding it (-1 when none), and that depth. */
  firstSeen: Float64Array;
  firstDepth: Int32Array;
  /** The smallest key without any step, at the first level that has one; -1 when none. */
  firstDeadlock: number;
  limit?: ExploreLimit;
}

/**
 * Explores the rest of the graph with `workers` worker threads, one level
 * at a time: each worker expands the frontier states it owns and sends every
 * successor to its owner; after a barrier each owner stores what it
 * received, and its new states are its share of the next level. Every
 * choice that could depend on timing (first sightings, the first deadlock)
 * is the smallest key at the smallest depth, so the result is the same for
 * any worker count. The coordinator blocks on Atomics.wait: `explore`
 * stays synchronous. A worker that fails ends the run with an `internal:`
 * error after every worker is stopped.
 */
export function exploreInParallel(start: ParallelStart): ParallelResult {
  const { workers, options } = start;
  const control = new Int32Array(new SharedArrayBuffer(CONTROL.length * 4));
  const stats = new Float64Array(new SharedArrayBuffer(workers * STAT.width * 8));
  const ports: MessagePort[] = [];
  const threads: Worker[] = [];
  const seeds = partition(start);
  const entry = workerEntry();
  for (let w = 0; w < workers; w++) {
    const channel = new MessageChannel();
    ports.push(channel.port1);
    const init: WorkerInit = {
      index: w,
      workers,
      relationships: start.codec.relationships,
      symmetry: start.codec.symmetry,
      hasEnvironment: start.hasEnvironment,
      moveStart: start.table.moveStart,
      moveEnd: start.table.moveEnd,
      moveData: start.table.moveData,
      sharedData: start.table.sharedData,
      sharedCount: start.table.sharedCount,
      localStates: start.table.size,
      maxSuccessors: start.maxSuccessors,
      control: control.buffer as SharedArrayBuffer,
      stats: stats.buffer as SharedArrayBuffer,
      port: channel.port2,
      seedKeys: seeds.keys[w] as Float64Array,
      seedDepths: seeds.depths[w] as Uint16Array,
      frontier: seeds.frontier[w] as Float64Array,
      depth: start.depth,
      crashAtLevel: options.crashAtLevel ?? -1,
    };
    const thread = new Worker(BOOTSTRAP, { eval: true, workerData: { entry, init }, transferList: [channel.port2] });
    thread.unref();
    threads.push(thread);
  }

  let target = 0;
  /** Gives every worker a command and waits until all are done (or one failed). */
  const run = (command: number): void => {
    target += workers;
    Atomics.store(control, CONTROL.command, command);
    Atomics.add(control, CONTROL.generation, 1);
    Atomics.notify(control, CONTROL.generation);
    for (let done = Atomics.load(control, CONTROL.done); done < target; done = Atomics.load(control, CONTROL.done)) {
      Atomics.wait(control, CONTROL.done, done);
    }
    if (Atomics.load(control, CONTROL.failed) !== 0) {
      const message = failureOf(ports);
      stop(control, threads);
      throw new Error(`internal: a worker of the parallel exploration failed (${message})`);
    }
  };

  const result: ParallelResult = {
    states: undefined as unknown as PartitionedStateTable,
    levels: [],
    transitions: 0,
    fullStates: 0,
    firstSeen: new Float64Array(start.table.size).fill(-1),
    firstDepth: new Int32Array(start.table.size).fill(-1),
    firstDeadlock: -1,
  };
  let size = start.states.size;
  let depth = start.depth;
  for (let queued = start.frontier.length; queued > 0 && !result.limit; depth++) {
    run(COMMAND.expand);
    let deadlock = -1;
    for (let w = 0; w < workers; w++) {
      result.transitions += stats[w * STAT.width + STAT.transitions] as number;
      const found = stats[w * STAT.width + STAT.deadlock] as number;
      if (found >= 0 && (deadlock < 0 || found < deadlock)) deadlock = found;
    }
    // Only the first level with a state without steps counts: that is the shallowest.
    if (result.firstDeadlock < 0) result.firstDeadlock = deadlock;
    route(ports, workers);
    run(COMMAND.insert);
    queued = 0;
    for (let w = 0; w < workers; w++) {
      queued += stats[w * STAT.width + STAT.added] as number;
      result.fullStates += stats[w * STAT.width + STAT.fullStates] as number;
    }
    if (queued > 0) result.levels.push(queued);
    size += queued;
    // Checked between levels: a parallel run may pass the limit by part of one level.
    if (size >= options.maxStates) result.limit = { kind: 'states', reached: size };
    else if (process.memoryUsage.rss() > options.maxBytes) result.limit = { kind: 'memory', reached: size };
    options.onProgress?.({ states: size, queued, depth: depth + 1, elapsedMs: performance.now() - start.started });
  }
  run(COMMAND.finish);
  const parts: StateTableParts[] = [];
  for (let w = 0; w < workers; w++) {
    const message = receiveMessageOnPort(ports[w] as MessagePort)?.message as WorkerMessage | undefined;
    if (message?.kind !== 'finished') throw new Error(`internal: worker ${w} handed over no partition`);
    parts.push(message.parts);
    mergeFirstSeen(result, message.firstSeen, message.firstDepth);
  }
  for (const port of ports) port.close();
  result.states = new PartitionedStateTable(parts);
  return result;
}

/** The states found so far and the frontier, split by owner (depths as 16 bits: the tables accept up to 65535). */
function partition(start: ParallelStart): { keys: Float64Array[]; depths: Uint16Array[]; frontier: Float64Array[] } {
  const { states, workers } = start;
  const counts = new Int32Array(workers);
  for (let slot = 0; slot < states.capacity; slot++) {
    if (states.used(slot)) {
      const w = ownerOf(states.keyAt(slot), workers);
      counts[w] = (counts[w] as number) + 1;
    }
  }
  const keys = Array.from(counts, (n) => new Float64Array(n));
  const depths = Array.from(counts, (n) => new Uint16Array(n));
  counts.fill(0);
  for (let slot = 0; slot < states.capacity; slot++) {
    if (!states.used(slot)) continue;
    const key = states.keyAt(slot);
    const w = ownerOf(key, workers);
    const i = counts[w] as number;
    counts[w] = i + 1;
    (keys[w] as Float64Array)[i] = key;
    (depths[w] as Uint16Array)[i] = states.depthAt(slot);
  }
  const owned = Array.from({ length: workers }, () => [] as number[]);
  for (const key of start.frontier) owned[ownerOf(key, workers)]?.push(key);
  return { keys, depths, frontier: owned.map((list) => Float64Array.from(list)) };
}

/** Forwards the key batches every worker sent to their owners (transferred, not copied). */
function route(ports: readonly MessagePort[], workers: number): void {
  for (const port of ports) {
    for (let i = 0; i < workers - 1; i++) {
      const message = receiveMessageOnPort(port)?.message as WorkerMessage | undefined;
      if (message?.kind !== 'keys') throw new Error('internal: a worker sent no keys for another');
      (ports[message.to] as MessagePort).postMessage({ keys: message.keys }, [message.keys.buffer as ArrayBuffer]);
    }
  }
}

/** The message of the worker that failed (other messages on the ports are dropped). */
function failureOf(ports: readonly MessagePort[]): string {
  for (const port of ports) {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const message = m.message as WorkerMessage;
      if (message.kind === 'failed') return message.message;
    }
  }
  return 'no message';
}

/** Stops every worker: the ones still waiting end at the stop command, and each thread is terminated too. */
function stop(control: Int32Array, threads: readonly Worker[]): void {
  Atomics.store(control, CONTROL.command, COMMAND.stop);
  Atomics.add(control, CONTROL.generation, 1);
  Atomics.notify(control, CONTROL.generation);
  for (const thread of threads) void thread.terminate().catch(() => undefined);
}

/** Takes, per local state, the shallowest first sighting, then the smallest key. */
function mergeFirstSeen(result: ParallelResult, firstSeen: Float64Array, firstDepth: Int32Array): void {
  for (let l = 0; l < firstSeen.length; l++) {
    const key = firstSeen[l] as number;
    if (key < 0) continue;
    const known = result.firstSeen[l] as number;
    const depth = firstDepth[l] as number;
    const knownDepth = result.firstDepth[l] as number;
    if (known < 0 || depth < knownDepth || (depth === knownDepth && key < known)) {
      result.firstSeen[l] = key;
      result.firstDepth[l] = depth;
    }
  }
}

/**
 * The built worker module. Under vitest this file runs from src/ as
 * TypeScript, which a worker thread cannot load: the built copy in dist/
 * is used then (the test setup builds dist/ first).
 */
function workerEntry(): string {
  const here = new URL('./partition-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here.href;
  const built = new URL(here.href.replace('/src/explore/parallel/', '/dist/explore/parallel/'));
  if (existsSync(fileURLToPath(built))) return built.href;
  throw new Error(`internal: the worker module ${fileURLToPath(here)} is missing; run npm run build`);
}

/**
 * Loads the worker module and runs it; if loading fails, reports it the way
 * a failing worker does, so the coordinator's wait ends.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { entry, init } = workerData;
import(entry).then(
  (module) => module.runPartitionWorker(init),
  (error) => {
    init.port.postMessage({ kind: 'failed', message: 'worker ' + init.index + ' could not load ' + entry + ': ' + (error && error.message) });
    const control = new Int32Array(init.control);
    Atomics.store(control, ${CONTROL.failed}, 1);
    Atomics.add(control, ${CONTROL.done}, init.workers);
    Atomics.notify(control, ${CONTROL.done});
  },
);
`;
