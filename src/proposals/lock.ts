import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/store.ts';
import { ProposalError } from './errors.ts';

export interface LockOptions {
  /** Lease length: if the holder dies, others get the lock back after this. */
  ttlMs: number;
  /** How long to keep trying before telling the person to retry. */
  waitMs: number;
}

export const DEFAULT_LOCK: LockOptions = { ttlMs: 10_000, waitMs: 5_000 };

/**
 * Runs `work` while holding a short exclusive lease on `key`, taken with `store.claim` (atomic on
 * every backend: a Map in memory, one INSERT … ON CONFLICT statement in SQLite, `SET NX PX` in
 * Redis) and given back with `store.release` (owner-checked).
 *
 * Why: keyv has no compare-and-set, so an index kept as one array value is a read-modify-write;
 * two processes appending at once (several bots on one Redis) would each write their own array
 * and one id would be lost. Holding the lease makes the read-modify-write exclusive. The same
 * lease makes "count the accepted talks, then accept one more" atomic with respect to capacity.
 *
 * The lease (10 s) is far longer than the work inside (a few store round trips); should a holder
 * stall past it, another process could enter, which is the usual limit of a lease without fencing.
 * Waiting is a short randomised back-off: contention is two organisers clicking at once, not a queue.
 */
export async function withLock<T>(store: Store, key: string, work: () => Promise<T>, options: LockOptions = DEFAULT_LOCK): Promise<T> {
  const owner = randomUUID();
  const deadline = performance.now() + options.waitMs;
  let delay = 2;
  while (!(await store.claim(key, owner, options.ttlMs))) {
    if (performance.now() >= deadline) throw new ProposalError({ kind: 'busy' });
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
  try {
    return await work();
  } finally {
    // The work is done (or failed) either way; a release that fails (backend unreachable) leaves a
    // lease that expires by itself, which must not turn a stored write into an error reply.
    await store.release(key, owner).catch(() => undefined);
  }
}
