import { Heap } from './heap.ts';

/** Longest a single timer is armed, so that a wall-clock jump (suspend, NTP) is noticed within a minute. */
const MAX_TIMER_MS = 60_000;

interface Queued<T> {
  at: number;
  /** Order of arrival: of two entries due at one instant, the first pushed fires first. */
  seq: number;
  entry: T;
}

/**
 * Entries due at instants, in time order, under one timer armed for the earliest (node-cron's
 * one timer per task costs ~19 s and ~480 MB for 100,000 tasks). When it fires, each entry due is
 * handed to `fire`, then the timer is armed for the next. Nothing fires before `start()`.
 */
export class TimerQueue<T extends { at: number }> {
  private readonly heap = new Heap<Queued<T>>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private armedAt = Number.POSITIVE_INFINITY;
  private running = false;

  constructor(
    private readonly now: () => number,
    private readonly fire: (entry: T, now: number) => void,
  ) {}

  get size(): number {
    return this.heap.size;
  }

  push(entry: T): void {
    this.heap.push({ at: entry.at, seq: ++this.seq, entry });
    if (this.running && entry.at < this.armedAt) this.arm();
  }

  start(): void {
    this.running = true;
    this.arm();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
  }

  /** Arms the timer for the earliest entry (again, after a reload). */
  arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    if (!this.running) return;
    const head = this.heap.peek();
    if (!head) return;
    const delay = Math.min(Math.max(0, head.at - this.now()), MAX_TIMER_MS);
    this.armedAt = head.at;
    this.timer = setTimeout(() => this.tick(), delay);
  }

  private tick(): void {
    this.timer = undefined;
    const now = this.now();
    for (let head = this.heap.peek(); head && head.at <= now && this.running; head = this.heap.peek()) {
      this.heap.pop();
      this.fire(head.entry, now);
    }
    this.arm();
  }
}
