import { DEFAULT_LOCK as STORE_LOCK, withLocks as storeWithLocks, type LockOptions } from '../store/lock.ts';
import type { Store } from '../store/store.ts';
import { ProposalError } from './errors.ts';

export type { LockOptions };

/** The store's locks (src/store/lock.ts), busy said the proposals' way. */
export const DEFAULT_LOCK: LockOptions = { ...STORE_LOCK, busy: () => new ProposalError({ kind: 'busy' }) };

export const withLocks = <T>(
  store: Store,
  keys: readonly string[],
  work: () => Promise<T>,
  options: LockOptions = DEFAULT_LOCK,
): Promise<T> => storeWithLocks(store, keys, work, { ...options, busy: options.busy ?? DEFAULT_LOCK.busy });

export const withLock = <T>(
  store: Store,
  key: string,
  work: () => Promise<T>,
  options: LockOptions = DEFAULT_LOCK,
): Promise<T> => withLocks(store, [key], work, options);
