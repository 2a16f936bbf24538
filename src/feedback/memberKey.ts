import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type Keyv from 'keyv';
import type { Logger } from '../core/logger.ts';
import type { Platform } from '../core/invocation.ts';
import type { Store } from '../store/store.ts';
import { decode, RECORD_VERSION, secretSchema } from './model.ts';

export const SECRET_ENV = 'EMCEE_FEEDBACK_SECRET';
/** Key of the generated secret in the `feedback` namespace, and of the claim that elects its writer. */
const SECRET_KEY = 'secret';
const SECRET_CLAIM = 'feedback:secret';
const SHORT_SECRET = 32;

export interface Respondent {
  platform: Platform;
  memberId: string;
  communityId: string;
  eventId: string;
}

/**
 * Keys answers by HMAC-SHA256(secret, platform, community, event, member id), so the store never
 * holds a member id and organisers who can read it see only opaque keys. The event is part of the
 * input, so one member's answers to two meetups cannot be linked either.
 *
 * The secret comes from `EMCEE_FEEDBACK_SECRET`. When it is not set, one is generated once and kept
 * in the store (every process sharing the store uses the same one), with a warning: whoever can
 * read the store could then test whether a given member answered.
 */
export class MemberKeys {
  private secret?: Promise<string>;

  constructor(
    private readonly store: Store,
    private readonly records: Keyv<unknown>,
    private readonly logger: Logger,
    private readonly fromEnv: string | undefined,
  ) {}

  async of(who: Respondent): Promise<string> {
    const secret = await this.resolve();
    return createHmac('sha256', secret)
      .update(JSON.stringify([who.platform, who.communityId, who.eventId, who.memberId]))
      .digest('hex');
  }

  private resolve(): Promise<string> {
    if (!this.secret) {
      this.secret = this.load();
      // A failed load (store down) is retried by the next call rather than remembered.
      this.secret.catch(() => (this.secret = undefined));
    }
    return this.secret;
  }

  private async load(): Promise<string> {
    const fromEnv = this.fromEnv?.trim();
    if (fromEnv) {
      if (fromEnv.length < SHORT_SECRET) {
        this.logger.warn(
          `${SECRET_ENV} is shorter than ${SHORT_SECRET} characters: use a long random value, e.g. \`openssl rand -hex 32\``,
        );
      }
      return fromEnv;
    }
    const secret = await this.storedSecret();
    this.logger.warn(
      `${SECRET_ENV} is not set: feedback answers are keyed with a secret generated once and kept in the store, so whoever can read the store ` +
        `could test whether a given member answered. Set ${SECRET_ENV} (e.g. \`openssl rand -hex 32\`) in the environment or .env; ` +
        'do it before the first feedback is given, since members cannot replace answers keyed with another secret.',
    );
    return secret;
  }

  /**
   * Reads the generated secret, or generates it. Two processes starting together must not each
   * write their own: the writer is elected with `store.claim`, settled once written (so no one
   * else ever writes it); the others read until it is there, or until the lease of a writer that
   * died has expired and they may claim it themselves.
   */
  private async storedSecret(): Promise<string> {
    const owner = randomUUID();
    const deadline = performance.now() + 15_000;
    let delay = 5;
    for (;;) {
      const existing = await this.readSecret();
      if (existing) return existing;
      if (await this.store.claim(SECRET_CLAIM, owner, 10_000)) {
        const again = await this.readSecret();
        const secret = again ?? randomBytes(32).toString('hex');
        if (!again) {
          const written = await this.records.set(SECRET_KEY, {
            v: RECORD_VERSION,
            secret,
            createdAt: new Date().toISOString(),
          });
          if (!written) throw new Error('the store did not keep the generated feedback secret');
        }
        await this.store.settle(SECRET_CLAIM, owner);
        return secret;
      }
      if (performance.now() > deadline)
        throw new Error('timed out waiting for another process to generate the feedback secret');
      await sleep(delay);
      delay = Math.min(delay * 2, 200);
    }
  }

  private async readSecret(): Promise<string | undefined> {
    const raw = await this.records.get(SECRET_KEY);
    if (raw === undefined) return undefined;
    const decoded = decode(secretSchema, raw);
    // Never replace a damaged secret silently: every answer keyed with it would become orphaned.
    if (!decoded.ok)
      throw new Error(
        `the stored feedback secret (namespace feedback, key ${SECRET_KEY}) is unreadable: ${decoded.problem}`,
      );
    return decoded.value.secret;
  }
}
