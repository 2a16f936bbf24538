/**
 * Event-driven waits with a bound: every promise the fake hands a test settles, either when
 * the awaited thing happens or when its timeout expires with a message saying what was awaited.
 */
export const DEFAULT_WAIT_MS = 5_000;

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
}

/** An append-only record that a test can read now or wait on. */
export class Recorded<T> {
  readonly items: T[] = [];
  private waiters: Waiter<T>[] = [];

  constructor(private readonly label: string) {}

  push(item: T): void {
    this.items.push(item);
    const ready = this.waiters.filter((waiter) => waiter.match(item));
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve(item);
  }

  /** The first recorded item (past or future) that matches. */
  find(match: (item: T) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    const found = this.items.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return this.next(match, timeoutMs);
  }

  /** The next matching item recorded from now on. */
  next(match: (item: T) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    let waiter: Waiter<T> | undefined;
    const arrived = new Promise<T>((resolve) => {
      waiter = { match, resolve };
      this.waiters.push(waiter);
    });
    // A timed-out waiter is dropped, so a later item is not handed to nobody.
    return withTimeout(arrived, timeoutMs, this.label).catch((error: unknown) => {
      this.waiters = this.waiters.filter((other) => other !== waiter);
      throw error;
    });
  }

  /** The item at `index` (0-based) once that many have been recorded. */
  nth(index: number, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    const existing = this.items[index];
    if (existing !== undefined) return Promise.resolve(existing);
    let seen = this.items.length;
    return this.next(() => seen++ === index, timeoutMs);
  }
}
