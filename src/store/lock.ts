import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from './store.ts';

export interface LockOptions {
  /** Lease length: if the holder dies on another host, others get the lock back after this. */
  ttlMs: number;
  /** How long to keep trying, for all the locks of one change together, before asking to retry. */
  waitMs: number;
  /** The error a feature says "busy, try again" with (default LockBusyError). */
  busy?: () => Error;
}

/** Every lock stayed taken for the whole wait: the person is told to try again in a moment. */
export class LockBusyError extends Error {
  override name = 'LockBusyError';
}

/**
 * A command must answer within 3 s (Discord): the wait for every lock of one change ends at 2 s,
 * and a lease runs out within that wait, so the lock of a holder that died anywhere is free again
 * before the person is told to retry. The work inside takes a few store round trips (milliseconds).
 */
export const DEFAULT_LOCK: LockOptions = { ttlMs: 1_500, waitMs: 2_000 };

/** Who holds each lock, beside the claim itself: lets a process see that a holder on its host died. */
const HOLDERS = 'locks';

/**
 * Runs `work` while holding short exclusive leases on `keys`, taken in the order given (callers
 * keep one order, so two writers never wait on each other in a circle) with `store.claim` (atomic
 * on every backend: a Map in memory, one INSERT … ON CONFLICT statement in SQLite, `SET NX PX` in
 * Redis) and given back with `store.release` (owner-checked), last taken first.
 *
 * Why: keyv has no compare-and-set, so an index kept as one array value is a read-modify-write;
 * two processes appending at once (several bots on one Redis) would each write their own array
 * and one id would be lost. Holding the lease makes the read-modify-write exclusive. The same
 * lease makes "count the accepted talks, then accept one more" atomic with respect to capacity.
 *
 * Nothing is written before every lock is held, so a change refused as busy leaves no trace.
 * An owner names its host and process id: a lock left by a process of this host that no longer
 * runs (`kill -9`, a crash) is taken over at once instead of waiting for its lease. Should a live
 * holder stall past its lease, another process could enter: the usual limit of a lease without
 * fencing. Waiting is a short randomised back-off: contention is two people clicking at once.
 */
export async function withLocks<T>(
  store: Store,
  keys: readonly string[],
  work: () => Promise<T>,
  options: LockOptions = DEFAULT_LOCK,
): Promise<T> {
  const owner = ownerId();
  const deadline = performance.now() + options.waitMs;
  const held: string[] = [];
  try {
    for (const key of keys) {
      await acquire(store, key, owner, deadline, options);
      held.push(key);
    }
    return await work();
  } finally {
    // The work is done (or failed) either way; a release that fails (backend unreachable) leaves a
    // lease that expires by itself, which must not turn a stored write into an error reply.
    for (const key of held.reverse()) await store.release(key, owner).catch(() => undefined);
  }
}

export const withLock = <T>(
  store: Store,
  key: string,
  work: () => Promise<T>,
  options: LockOptions = DEFAULT_LOCK,
): Promise<T> => withLocks(store, [key], work, options);

async function acquire(
  store: Store,
  key: string,
  owner: string,
  deadline: number,
  options: LockOptions,
): Promise<void> {
  const { ttlMs } = options;
  const holders = store.namespace<string>(HOLDERS);
  const freed = new Set<string>();
  let delay = 2;
  while (!(await store.claim(key, owner, ttlMs))) {
    if (await takeOverFromDead(store, key, freed)) continue;
    if (performance.now() >= deadline) throw options.busy?.() ?? new LockBusyError(`lock ${key} is taken`);
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
  // Written after the claim: a holder that dies before this line is freed by its lease instead.
  await holders.set(key, owner, ttlMs);
}

/** Frees `key` if its holder is a process of this host that has ended; true when it did. */
async function takeOverFromDead(store: Store, key: string, freed: Set<string>): Promise<boolean> {
  const holder = await store.namespace<string>(HOLDERS).get(key);
  const parsed = typeof holder === 'string' && !freed.has(holder) ? parseOwner(holder) : undefined;
  if (!holder || !parsed || parsed.host !== hostname() || parsed.pid === process.pid || isRunning(parsed.pid))
    return false;
  freed.add(holder);
  // Owner-checked: if someone else took the lock meanwhile, this does nothing.
  await store.release(key, holder);
  return true;
}

/** `host:pid:random`: unique per lock taken, and says which process holds it. */
export function ownerId(pid = process.pid): string {
  return `${hostname()}:${pid}:${randomUUID()}`;
}

function parseOwner(owner: string): { host: string; pid: number } | undefined {
  const match = /^(.*):(\d+):[0-9a-f-]{36}$/.exec(owner);
  return match ? { host: match[1] as string, pid: Number(match[2]) } : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
