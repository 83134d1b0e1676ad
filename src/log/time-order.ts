import type { LogEvent } from './log-event.js';

interface Entry {
  time: number;
  seq: number;
  event: LogEvent;
}

/**
 * Puts state changes back into time order through a window of `capacity`
 * events (a central syslog interleaves hosts whose lines arrive late; rotated
 * files overlap). Events without a time take the last time seen, so they keep
 * their place. Memory is bounded by the window.
 */
export class TimeOrder {
  private readonly heap: Entry[] = [];
  private seq = 0;
  private lastTime = Number.NEGATIVE_INFINITY;
  private maxSeen = Number.NEGATIVE_INFINITY;
  private lastReleased = Number.NEGATIVE_INFINITY;
  /** Events that came after a later one and were moved back into place. */
  reordered = 0;
  /** Events that came later than the window could mend: judged where they stood. */
  tooLate = 0;
  /** The first event that was out of time order. */
  firstOutOfOrder?: LogEvent;

  constructor(
    private readonly release: (event: LogEvent) => void,
    private readonly capacity = 4096,
  ) {}

  push(event: LogEvent): void {
    const time = event.time ?? this.lastTime;
    this.lastTime = time;
    if (time < this.maxSeen) {
      this.firstOutOfOrder ??= event;
      if (time < this.lastReleased) this.tooLate++;
      else this.reordered++;
    } else this.maxSeen = time;
    this.insert({ time, seq: this.seq++, event });
    if (this.heap.length > this.capacity) this.pop();
  }

  /** Releases every event still held, in order. */
  flush(): void {
    while (this.heap.length > 0) this.pop();
  }

  private pop(): void {
    const top = this.heap[0] as Entry;
    const last = this.heap.pop() as Entry;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    if (top.time > this.lastReleased) this.lastReleased = top.time;
    this.release(top.event);
  }

  private less(a: Entry, b: Entry): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private insert(entry: Entry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i] as Entry, h[parent] as Entry)) break;
      [h[i], h[parent]] = [h[parent] as Entry, h[i] as Entry];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l] as Entry, h[m] as Entry)) m = l;
      if (r < h.length && this.less(h[r] as Entry, h[m] as Entry)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m] as Entry, h[i] as Entry];
      i = m;
    }
  }
}
