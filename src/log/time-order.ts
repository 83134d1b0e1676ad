import type { LogEvent } from './log-event.js';

type Entry = LogEvent;

/**
 * Puts state changes back into time order through a window of `capacity`
 * events (a central syslog interleaves hosts whose lines arrive late; rotated
 * files overlap). Events without a time take the last time seen, so they keep
 * their place; equal times keep their order. Logs are nearly sorted, so the
 * window is a sorted queue: an event in order is appended, a late one is
 * inserted where it belongs. Memory is bounded by the window.
 */
export class TimeOrder {
  private queue: Entry[] = [];
  private head = 0;
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastReleased = Number.NEGATIVE_INFINITY;
  /** Events that came after a later one and were moved back into place. */
  reordered = 0;
  /** Events that came later than the window could mend: judged where they stood. */
  tooLate = 0;

  constructor(
    private readonly release: (event: LogEvent) => void,
    private readonly capacity = 4096,
  ) {}

  push(event: LogEvent): void {
    const time = event.time ?? this.lastTime;
    this.lastTime = time;
    const entry = event as Entry;
    entry.order = time;
    const q = this.queue;
    const last = q.length > this.head ? (q[q.length - 1] as Entry).order : this.lastReleased;
    if (time >= last) q.push(entry);
    else if (time < this.lastReleased) {
      // Too late to mend: everything before it has gone already.
      this.tooLate++;
      entry.order = this.lastReleased;
      q.splice(this.head, 0, entry);
    } else {
      this.reordered++;
      // After every queued event of the same or an earlier time.
      let lo = this.head;
      let hi = q.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((q[mid] as Entry).order <= time) lo = mid + 1;
        else hi = mid;
      }
      q.splice(lo, 0, entry);
    }
    if (q.length - this.head > this.capacity) this.shift();
  }

  /** Releases every event still held, in order. */
  flush(): void {
    while (this.queue.length > this.head) this.shift();
  }

  private shift(): void {
    const entry = this.queue[this.head] as Entry;
    this.queue[this.head] = undefined as unknown as Entry;
    this.head++;
    if (this.head >= 4096 && this.head * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (entry.order > this.lastReleased) this.lastReleased = entry.order;
    this.release(entry);
  }
}
