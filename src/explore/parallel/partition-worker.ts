import { receiveMessageOnPort } from 'node:worker_threads';
import { KeyList } from '../key-list.js';
import { StateTable } from '../state-table.js';
import { SystemCodec } from '../system-codec.js';
import { type SuccessorScratch, successorsOf } from '../system-successors.js';
import { ownerOf } from './partitioned-table.js';
import { COMMAND, CONTROL, type KeysMessage, STAT, type WorkerInit, type WorkerMessage } from './protocol.js';

/**
 * One worker of a parallel run: owns the states whose `ownerOf` is its
 * index, expands the ones of the current level it owns, and stores the
 * successors other workers send it. The whole life of the worker is this
 * synchronous loop, so every failure is caught here and reported.
 */
export function runPartitionWorker(init: WorkerInit): void {
  const control = new Int32Array(init.control);
  let seen = 0;
  let worker: PartitionWorker | undefined;
  for (;;) {
    Atomics.wait(control, CONTROL.generation, seen);
    seen = Atomics.load(control, CONTROL.generation);
    const command = Atomics.load(control, CONTROL.command);
    try {
      worker ??= new PartitionWorker(init);
      if (command === COMMAND.expand) worker.expand();
      else if (command === COMMAND.insert) worker.insert();
      else if (command === COMMAND.finish) worker.finish();
    } catch (error) {
      reportFailure(init, error);
      return;
    }
    Atomics.add(control, CONTROL.done, 1);
    Atomics.notify(control, CONTROL.done);
    if (command === COMMAND.finish || command === COMMAND.stop) return;
  }
}

/** Tells the coordinator this worker failed; the jump of `done` wakes it whatever it waits for. */
export function reportFailure(init: Pick<WorkerInit, 'control' | 'port' | 'workers' | 'index'>, error: unknown): void {
  const message: WorkerMessage = { kind: 'failed', message: `worker ${init.index}: ${error instanceof Error ? error.message : String(error)}` };
  init.port.postMessage(message);
  const control = new Int32Array(init.control);
  Atomics.store(control, CONTROL.failed, 1);
  Atomics.add(control, CONTROL.done, init.workers);
  Atomics.notify(control, CONTROL.done);
}

class PartitionWorker {
  private readonly codec: SystemCodec;
  private readonly table: StateTable;
  private readonly stats: Float64Array;
  private frontier: KeyList;
  private next = new KeyList(1 << 12);
  /** Successors found this level, per owner. */
  private readonly outgoing: KeyList[];
  private depth: number;
  private level = 0;
  /** System states the states stored this level stand for. */
  private fullStates = 0;
  /** firstSeen[l]: smallest key among the shallowest states this worker stored holding local l; -1 when none. */
  private readonly firstSeen: Float64Array;
  private readonly firstDepth: Int32Array;
  private readonly seenTuple: Int32Array;
  private readonly scratch: SuccessorScratch;

  constructor(private readonly init: WorkerInit) {
    this.codec = new SystemCodec(init.relationships, init.symmetry);
    this.table = new StateTable(Math.max(1 << 12, init.seedKeys.length * 2));
    this.stats = new Float64Array(init.stats, init.index * STAT.width * 8, STAT.width);
    for (let i = 0; i < init.seedKeys.length; i++) this.table.add(init.seedKeys[i] as number, init.seedDepths[i] as number);
    this.frontier = KeyList.of(init.frontier);
    this.depth = init.depth;
    this.outgoing = Array.from({ length: init.workers }, () => new KeyList(1 << 12));
    this.firstSeen = new Float64Array(init.localStates).fill(-1);
    this.firstDepth = new Int32Array(init.localStates).fill(-1);
    this.seenTuple = new Int32Array(init.relationships);
    const k = init.relationships;
    this.scratch = { tuple: new Int32Array(k), work: new Int32Array(k), out: new Float64Array(init.maxSuccessors) };
  }

  /** Expands every owned state of the level; successors go to their owners' buffers. */
  expand(): void {
    const { init, codec, outgoing, scratch } = this;
    if (init.index === 0 && this.level === init.crashAtLevel) throw new Error(`crash injected at parallel level ${this.level}`);
    const { workers } = init;
    let transitions = 0;
    let deadlock = -1;
    for (const out of outgoing) out.clear();
    this.next.clear();
    this.fullStates = 0;
    const frontier = this.frontier;
    for (let j = 0; j < frontier.length; j++) {
      const key = frontier.get(j);
      const count = successorsOf(key, init, codec, scratch);
      // Each successor to its owner's list (this worker's own too: stored in one batch after the level).
      for (let s = 0; s < count; s++) {
        const successor = scratch.out[s] as number;
        (outgoing[ownerOf(successor, workers)] as KeyList).push(successor);
      }
      transitions += count;
      if (count === 0 && init.hasEnvironment && (deadlock < 0 || key < deadlock)) deadlock = key;
    }
    this.stats[STAT.transitions] = transitions;
    this.stats[STAT.deadlock] = deadlock;
    outgoing.forEach((out, to) => {
      if (to === init.index) return;
      const keys = out.take();
      const message: WorkerMessage = { kind: 'keys', to, keys };
      init.port.postMessage(message, [keys.buffer as ArrayBuffer]);
    });
  }

  /** A new state stored at `storeDepth` joins the next frontier (addBatch's callback). */
  private storeDepth = 0;
  private readonly stored = (key: number): void => {
    this.next.push(key);
    this.fullStates += this.found(key, this.storeDepth);
  };

  /** Stores the successors other workers found for this one; with its own, the new ones are the next frontier. */
  insert(): void {
    const { init } = this;
    const depth = this.depth + 1;
    this.storeDepth = depth;
    // Batches are probed by table region (StateTable.addBatch): far fewer cache misses than key by key.
    const own = this.outgoing[init.index] as KeyList;
    this.table.addBatch(own.data, own.length, depth, this.stored);
    for (let received = 0; received < init.workers - 1; received++) {
      const message = receiveMessageOnPort(init.port)?.message as KeysMessage | undefined;
      if (!message) throw new Error(`internal: ${init.workers - 1} key batches expected, ${received} received`);
      this.table.addBatch(message.keys, message.keys.length, depth, this.stored);
    }
    this.stats[STAT.added] = this.next.length;
    this.stats[STAT.fullStates] = this.fullStates;
    [this.frontier, this.next] = [this.next, this.frontier];
    this.depth = depth;
    this.level++;
  }

  /** Hands the table and the first sightings to the coordinator (transferred, not copied). */
  finish(): void {
    const parts = this.table.parts();
    const message: WorkerMessage = { kind: 'finished', parts, firstSeen: this.firstSeen, firstDepth: this.firstDepth };
    this.init.port.postMessage(message, [parts.keys.buffer, parts.depths.buffer, this.firstSeen.buffer, this.firstDepth.buffer] as ArrayBuffer[]);
  }

  /** Records the local states of a new state; returns how many system states it stands for. */
  private found(key: number, depth: number): number {
    const tuple = this.codec.unpack(key, this.seenTuple);
    for (const l of tuple) {
      const known = this.firstSeen[l] as number;
      if (known < 0 || (this.firstDepth[l] === depth && key < known)) {
        this.firstSeen[l] = key;
        this.firstDepth[l] = depth;
      }
    }
    return this.codec.orbitSize(tuple);
  }
}
