import type Keyv from 'keyv';

/** How long a settled claim is remembered when the caller does not say: 30 days. */
export const DEFAULT_RETENTION_MS = 30 * 86_400_000;

/**
 * A claim granted to `owner`. `token` is the fencing token: each grant of a key gets a greater
 * one than every earlier grant of it, so a holder whose lease expired and was taken over holds
 * an older token than the new owner and is refused by `settle`. A key's first grant has token 1:
 * a greater one means an earlier holder may already have done (part of) the work.
 */
export interface Lease {
  key: string;
  owner: string;
  token: number;
}

export interface SettleOptions {
  /** Settle only if this is still the key's latest grant (the fencing check). */
  token?: number;
  /** How long the settled claim refuses new claims before it is forgotten (default 30 days). */
  retentionMs?: number;
}

/** Records written and counters moved together by `commit`. */
export interface Batch {
  set?: ReadonlyArray<{ namespace: string; key: string; value: unknown }>;
  increment?: ReadonlyArray<{ key: string; delta: number }>;
}

/**
 * The bot's storage: keyv namespaces for records, plus the few atomic operations that must hold
 * across processes sharing one backend (claims for exactly-once work, counters for short ids and
 * running totals). Keyv adapters need not list keys: features keep explicit index keys.
 */
export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** One keyv per feature; a write resolves once the backend has it (SQLite: committed). */
  namespace<T = unknown>(name: string): Keyv<T>;
  /**
   * Takes `key` for `owner` until `ttlMs` from now, unless someone else holds it and its lease
   * has not expired, or it was settled (and its retention has not passed). The lease, with its
   * fencing token, when this call took it.
   */
  lease(key: string, owner: string, ttlMs: number): Promise<Lease | undefined>;
  /** `lease`, for callers that only need to know whether they got it. */
  claim(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /**
   * Marks the work done: no claim of `key` succeeds for the retention period, after which the
   * claim is forgotten instead of piling up for ever. True only when `owner` (and `token`, if
   * given) still held the key: a holder whose lease was taken over gets false and must not
   * record a result, which belongs to the new owner.
   */
  settle(key: string, owner: string, options?: SettleOptions): Promise<boolean>;
  /** Gives a claim back (the work failed and may be retried at once). */
  release(key: string, owner: string): Promise<void>;
  /** Adds `delta` to a counter (created at 0) and returns the new value, atomically. */
  increment(key: string, delta?: number): Promise<number>;
  /**
   * Writes records (no expiry, read back through `namespace`) and moves counters in one
   * transaction: a process that dies meanwhile leaves all of it or none, so a running total
   * never drifts from the records it counts.
   */
  commit(batch: Batch): Promise<void>;
  /** Reads counters in one round trip; a missing one reads 0. */
  counters(keys: readonly string[]): Promise<number[]>;
  close(): Promise<void>;
}
