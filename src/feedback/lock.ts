import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/store.ts';

export interface LockOptions {
  /** Lease length: if the holder dies, the lock comes back after this. */
  ttlMs: number;
  /** How long to keep trying before telling the member to retry. */
  waitMs: number;
}

export const DEFAULT_LOCK: LockOptions = { ttlMs: 10_000, waitMs: 3_000 };

/** The lock stayed taken for `waitMs`: the member is told to try again in a moment. */
export class FeedbackBusyError extends Error {
  override name = 'FeedbackBusyError';
}

/**
 * Runs `work` holding a short lease on `key`, taken with `store.claim` (atomic on every backend)
 * and given back with the owner-checked `store.release`. The lease (10 s) is far longer than the
 * work (a few store round trips); a holder stalled past it could let another in, the usual limit
 * of a lease without fencing. Contention is one member double-submitting, so the back-off is short.
 */
export async function withLock<T>(store: Store, key: string, work: () => Promise<T>, options: LockOptions = DEFAULT_LOCK): Promise<T> {
  const owner = randomUUID();
  const deadline = performance.now() + options.waitMs;
  let delay = 2;
  while (!(await store.claim(key, owner, options.ttlMs))) {
    if (performance.now() >= deadline) throw new FeedbackBusyError(`lock ${key} is taken`);
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
  try {
    return await work();
  } finally {
    await store.release(key, owner);
  }
}
