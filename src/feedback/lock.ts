import { DEFAULT_LOCK as STORE_LOCK, withLock as storeWithLock, type LockOptions } from '../store/lock.ts';
import type { Store } from '../store/store.ts';
import { UserError } from '../core/userError.ts';
import { feedbackMessages as m } from './messages.ts';

export type { LockOptions };

/** The lock stayed taken for the whole wait: the member is told to try again in a moment. */
export class FeedbackBusyError extends UserError {
  constructor() {
    super((locale) => m.t(locale, 'busy'));
    this.name = 'FeedbackBusyError';
  }
}

/**
 * The store's locks (src/store/lock.ts: short leases, a wait that ends well within Discord's 3 s,
 * a lock left by a dead process of this host taken over at once), busy said the feedback's way.
 */
export const DEFAULT_LOCK: LockOptions = { ...STORE_LOCK, busy: () => new FeedbackBusyError() };

export const withLock = <T>(
  store: Store,
  key: string,
  work: () => Promise<T>,
  options: LockOptions = DEFAULT_LOCK,
): Promise<T> => storeWithLock(store, key, work, { ...options, busy: options.busy ?? DEFAULT_LOCK.busy });
