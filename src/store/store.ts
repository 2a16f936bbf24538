import type Keyv from 'keyv';

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
   * has not expired, or it was settled. True when this call took it.
   */
  claim(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Makes a claim permanent (the work is done): no later claim of `key` succeeds. */
  settle(key: string, owner: string): Promise<void>;
  /** Gives a claim back (the work failed and may be retried at once). */
  release(key: string, owner: string): Promise<void>;
  /** Adds `delta` to a counter (created at 0) and returns the new value, atomically. */
  increment(key: string, delta?: number): Promise<number>;
  /** Reads counters in one round trip; a missing one reads 0. */
  counters(keys: readonly string[]): Promise<number[]>;
  close(): Promise<void>;
}
