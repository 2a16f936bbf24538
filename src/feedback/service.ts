import type { Logger } from '../core/logger.ts';
import type { Services } from '../services.ts';
import type { Store } from '../store/store.ts';
import type { LockOptions } from './lock.ts';
import { MemberKeys, SECRET_ENV } from './memberKey.ts';
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

const built = new WeakMap<Store, Feedback>();

/**
 * The running feedback feature: the one composed in src/app.ts, or, for services assembled by hand
 * (benches of other features), one built the same way on their store, once per store.
 */
export function feedbackOf(services: Pick<Services, 'store' | 'logger' | 'feedback'>): Feedback {
  if (services.feedback) return services.feedback;
  let feedback = built.get(services.store);
  if (!feedback) {
    feedback = createFeedback({ store: services.store, logger: services.logger, secret: process.env[SECRET_ENV] });
    built.set(services.store, feedback);
  }
  return feedback;
}
