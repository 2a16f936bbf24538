import type { Logger } from '../core/logger.ts';
import type { Store } from '../store/store.ts';
import type { LockOptions } from './lock.ts';
import { MemberKeys } from './memberKey.ts';
import { FeedbackRepository } from './repository.ts';

/** The feedback feature's state: answers and aggregates, and the keyed hash of member ids. */
export interface Feedback {
  responses: FeedbackRepository;
  memberKeys: MemberKeys;
}

export interface FeedbackDeps {
  store: Store;
  logger: Logger;
  /** `EMCEE_FEEDBACK_SECRET`; when undefined, a secret is generated once and kept in the store. */
  secret: string | undefined;
  lock?: LockOptions;
}

export function createFeedback(deps: FeedbackDeps): Feedback {
  const responses = new FeedbackRepository(deps.store, deps.logger, deps.lock);
  return { responses, memberKeys: new MemberKeys(deps.store, responses.records, deps.logger, deps.secret) };
}
