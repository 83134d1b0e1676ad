import { receiveMessageOnPort } from 'node:worker_threads';
import { StateTable } from '../state-table.js';
import { SystemCodec } from '../system-codec.js';
import { ownerOf } from './partitioned-table.js';
import { COMMAND, CONTROL, type KeysMessage, STAT, type WorkerInit, type WorkerMessage } from './protocol.js';

/** Same value as the local table's DISABLED (kept here so a worker loads no model code). */
const DISABLED = -1;

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
  private frontier: KeyBuffer;
  private next = new KeyBuffer(1 << 12);
  /** Successors found this level, per owner. */
  private readonly outgoing: KeyBuffer[];
  private depth: number;
  private level = 0;
  /** System states the states stored this level stand for. */
  private fullStates = 0;
  /** firstSeen[l]: smallest key among the shallowest states this worker stored holding local l; -1 when none. */
  private readonly firstSeen: Float64Array;
  private readonly firstDepth: Int32Array;
  private readonly tuple: Int32Array;
  private readonly work: Int32Array;
  private readonly seenTuple: Int32Array;
  private readonly successors: Float64Array;

  constructor(private readonly init: WorkerInit) {
    this.codec = new SystemCodec(init.relationships, init.symmetry);
    this.table = new StateTable(Math.max(1 << 12, init.seedKeys.length * 2));
    this.stats = new Float64Array(init.stats, init.index * STAT.width * 8, STAT.width);
    for (let i = 0; i < init.seedKeys.length; i++) this.table.add(init.seedKeys[i] as number, init.seedDepths[i] as number);
    this.frontier = KeyBuffer.of(init.frontier);
    this.depth = init.depth;
    this.outgoing = Array.from({ length: init.workers }, () => new KeyBuffer(1 << 12));
    this.firstSeen = new Float64Array(init.localStates).fill(-1);
    this.firstDepth = new Int32Array(init.localStates).fill(-1);
    this.tuple = new Int32Array(init.relationships);
    this.work = new Int32Array(init.relationships);
    this.seenTuple = new Int32Array(init.relationships);
    this.successors = new Float64Array(init.maxSuccessors);
  }

  /** Expands every owned state of the level; successors go to their owners' buffers. */
  expand(): void {
    const { init, codec, outgoing } = this;
    if (init.index === 0 && this.level === init.crashAtLevel) throw new Error(`crash injected at parallel level ${this.level}`);
    const { moveStart, moveEnd, moveData, sharedData, sharedCount, workers } = init;
    const k = init.relationships;
    const { tuple, work, successors } = this;
    let transitions = 0;
    let deadlock = -1;
    for (const out of outgoing) out.clear();
    this.next.clear();
    this.fullStates = 0;
    let key = 0;
    let count = 0;
    // Distinct successors of the state being expanded, as in the single-threaded loop, each
    // to its owner's buffer (this worker's own too: stored in one batch after the level).
    const link = (successor: number): void => {
      if (successor === key) return;
      for (let s = 0; s < count; s++) if (successors[s] === successor) return;
      successors[count++] = successor;
      (outgoing[ownerOf(successor, workers)] as KeyBuffer).push(successor);
    };
    const frontier = this.frontier;
    for (let j = 0; j < frontier.length; j++) {
      key = frontier.get(j);
      codec.unpack(key, tuple);
      count = 0;
      for (let i = 0; i < k; i++) {
        const l = tuple[i] as number;
        if (codec.symmetry && i > 0 && tuple[i - 1] === l) continue;
        const end = moveEnd[l] as number;
        for (let m = (moveStart[l] as number) + 1; m < end; m += 2) {
          for (let c = 0; c < k; c++) work[c] = tuple[c] as number;
          work[i] = moveData[m] as number;
          link(codec.pack(work));
        }
      }
      for (let h = 0; h < sharedCount; h++) {
        let enabled = false;
        for (let i = 0; i < k; i++) {
          const target = sharedData[(tuple[i] as number) * sharedCount + h] as number;
          if (target === DISABLED) work[i] = tuple[i] as number;
          else {
            work[i] = target;
            enabled = true;
          }
        }
        if (enabled) link(codec.pack(work));
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
    const own = this.outgoing[init.index] as KeyBuffer;
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

/** A growable list of keys. */
class KeyBuffer {
  data: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }

  static of(keys: Float64Array): KeyBuffer {
    const buffer = new KeyBuffer(Math.max(16, keys.length));
    buffer.data.set(keys);
    buffer.length = keys.length;
    return buffer;
  }

  push(key: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = key;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  clear(): void {
    this.length = 0;
  }

  /** The keys as an exact-length array of their own (to transfer); the buffer starts again empty. */
  take(): Float64Array {
    const keys = this.data.slice(0, this.length);
    this.length = 0;
    return keys;
  }
}
