/**
 * Which occurrences of one schedule (or of one community's reminders) this process has seen, and
 * which are not settled yet. The watermark it writes never passes an occurrence it has not seen
 * settled, so start-up after a crash reconsiders exactly the unfinished ones.
 */
export class Progress {
  /** Allocated on first use: 100,000 idle schedules need none. */
  private unresolved: Map<number, number> | undefined;

  constructor(public considered: number) {}

  begin(at: number): void {
    this.unresolved ??= new Map();
    this.unresolved.set(at, (this.unresolved.get(at) ?? 0) + 1);
  }

  end(at: number): void {
    if (!this.unresolved) return;
    const left = (this.unresolved.get(at) ?? 1) - 1;
    if (left <= 0) this.unresolved.delete(at);
    else this.unresolved.set(at, left);
    if (this.unresolved.size === 0) this.unresolved = undefined;
  }

  watermark(): number {
    let low = this.considered;
    for (const at of this.unresolved?.keys() ?? []) low = Math.min(low, at - 1);
    return low;
  }
}
