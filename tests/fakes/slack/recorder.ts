/**
 * An append-only log with bounded, event-driven waits: a test awaits the entry it expects instead of
 * sleeping, and a wait that is never satisfied fails with what was recorded instead of hanging.
 */
export const DEFAULT_WAIT_MS = 3_000;

export class Recorder<T> {
  readonly entries: T[] = [];
  private readonly waiters = new Set<(entry: T) => void>();

  constructor(private readonly describe: (entry: T) => string) {}

  record(entry: T): void {
    this.entries.push(entry);
    for (const waiter of [...this.waiters]) waiter(entry);
  }

  /** The `nth` (1-based) entry matching `match`: already recorded, or the next ones to come. */
  waitFor(match: (entry: T) => boolean, what: string, options: { timeoutMs?: number; nth?: number } = {}): Promise<T> {
    const nth = options.nth ?? 1;
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    const seen = this.entries.filter(match);
    if (seen.length >= nth) return Promise.resolve(seen[nth - 1] as T);
    let count = seen.length;
    return new Promise<T>((resolve, reject) => {
      const waiter = (entry: T): void => {
        if (!match(entry) || ++count < nth) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(entry);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const log = this.entries.map(this.describe).join(', ') || 'nothing';
        reject(new Error(`waited ${timeoutMs} ms for ${what} (#${nth}); recorded: ${log}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
