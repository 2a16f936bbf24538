import { presenceOn, type Community } from '../config/community.ts';
import type { Platform } from '../core/invocation.ts';
import type { Logger } from '../core/logger.ts';
import { UnknownChannelError, type Poster } from '../core/poster.ts';
import type { Reply } from '../core/reply.ts';
import type { Lease, Store } from '../store/store.ts';
import { logFailure } from './logFailure.ts';
import type { OccurrenceOutcome } from './model.ts';
import type { Progress } from './progress.ts';
import type { AnnouncementRepository } from './repository.ts';
import { leaseMs } from './settings.ts';

/** One occurrence to post: its identity (claim and idempotency key), where, and how to record it. */
export interface Job {
  key: string;
  at: number;
  community: Community;
  platform: Platform;
  channel: string;
  progress: Progress;
  /** The post; undefined when there is nothing to post any more (cancelled meanwhile). */
  build(): Promise<Reply | undefined>;
  /** Still wanted (not cancelled or paused since it was queued). */
  wanted(): boolean;
  record(outcome: OccurrenceOutcome): Promise<void>;
  channelGone(): Promise<void>;
  failureNotice(outcome: OccurrenceOutcome): Reply;
}

type Delivery = OccurrenceOutcome | 'aborted' | 'gone';

export interface DeliveryOptions {
  store: Store;
  repository: AnnouncementRepository;
  poster: Poster;
  logger: Logger;
  now(): number;
  /** Claim owner. */
  owner: string;
  /** Occurrences handled at once; more wait their turn (default 64). */
  concurrency?: number;
  onFire?(occurrence: { key: string; at: number }, now: number): void;
  onDeliver?(occurrence: { key: string; at: number }, now: number): void;
  onResult?(result: 'posted' | 'retried' | 'failed' | 'missed', count: number): void;
  /** Hands `job` back at `at`, to `verify`: a lost claim is looked at again once its lease is over. */
  later(at: number, job: Job): void;
}

/**
 * Claiming and delivery: each occurrence is claimed in the store with a lease (`store.lease`),
 * posted with retries and backoff, then settled with the lease's fencing token and its outcome
 * recorded. A process that loses a claim checks back when the lease expires, so an occurrence
 * whose claimer died is posted by another process (or on restart).
 */
export class Deliveries {
  private readonly inflight = new Set<Promise<void>>();
  private readonly waiting: Job[] = [];
  private readonly sleepers = new Set<() => void>();
  private running = 0;
  private stopping = false;

  constructor(private readonly options: DeliveryOptions) {}

  enqueue(job: Job): void {
    this.options.onFire?.({ key: job.key, at: job.at }, this.options.now());
    job.progress.begin(job.at);
    this.waiting.push(job);
    this.drain();
  }

  /** Runs `work` in the background; `idle()` waits for it, a failure is logged. */
  track(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) =>
      this.options.logger.error({ err: error }, 'scheduled post failed unexpectedly'),
    );
    this.inflight.add(guarded);
    void guarded.finally(() => this.inflight.delete(guarded));
  }

  /** No new post starts; retries waiting are abandoned (their claims released). */
  abandon(): void {
    this.stopping = true;
    this.waiting.length = 0;
    for (const wake of this.sleepers) wake();
  }

  /** Resolves once every post and background write in progress has finished. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private drain(): void {
    const limit = this.options.concurrency ?? 64;
    while (this.running < limit && this.waiting.length > 0 && !this.stopping) {
      const job = this.waiting.shift() as Job;
      this.running += 1;
      this.track(
        this.handle(job).finally(() => {
          this.running -= 1;
          this.drain();
        }),
      );
    }
  }

  private async handle(job: Job): Promise<void> {
    let lease: Lease | undefined;
    try {
      lease = await this.options.store.lease(job.key, this.options.owner, leaseMs(job.community.schedule));
    } catch (error) {
      logFailure(this.options.logger, error, { occurrence: job.key }, 'could not claim; will check back');
    }
    if (lease) await this.complete(job, lease);
    else this.checkBack(job);
  }

  /** A lost claim: look again when the lease has expired, in case its holder died. */
  private checkBack(job: Job): void {
    if (this.stopping) return;
    this.options.later(this.options.now() + leaseMs(job.community.schedule) + 250, job);
  }

  /** Back after a lost claim's lease: done by its holder meanwhile, or to be taken over. */
  async verify(job: Job): Promise<void> {
    const { repository, store, owner } = this.options;
    let lease: Lease | undefined;
    try {
      if (!job.wanted() || (await repository.outcome(job.key))) return job.progress.end(job.at);
      lease = await store.lease(job.key, owner, leaseMs(job.community.schedule));
    } catch (error) {
      // The store is still away (an outage longer than a lease): look again, so that once it is
      // back the occurrence is posted, or recorded missed past its deadline, without a restart.
      logFailure(this.options.logger, error, { occurrence: job.key }, 'could not check an occurrence; will check back');
      return this.checkBack(job);
    }
    if (lease) return this.complete(job, lease);
    const settings = job.community.schedule;
    if (this.options.now() - job.at <= settings.startingDeadline + leaseMs(settings)) this.checkBack(job);
    else job.progress.end(job.at);
  }

  /** Holding the claim: post (or record it missed), settle, record the outcome. */
  private async complete(job: Job, lease: Lease): Promise<void> {
    const { store, repository, logger, owner, now } = this.options;
    if (!job.wanted()) {
      await store.release(job.key, owner);
      return job.progress.end(job.at);
    }
    const late = now() - job.at > job.community.schedule.startingDeadline;
    const delivery: Delivery = late
      ? { at: job.at, result: 'missed', recordedAt: now() }
      : await this.deliver(job, lease);
    if (delivery === 'aborted' || delivery === 'gone') {
      await store.release(job.key, owner);
      if (delivery === 'gone') job.progress.end(job.at);
      return;
    }
    // Fenced by our grant's token, not only our owner id: a later grant of the same key to this
    // same owner id (a restart under a fixed owner id, a second handling here) is not ours to settle.
    const settled = await store.settle(job.key, owner, {
      retentionMs: job.community.schedule.retention,
      token: lease.token,
    });
    job.progress.end(job.at);
    // Our lease expired (a paused process) and another took the occurrence over: the outcome is
    // theirs to record, ours would overwrite it.
    if (!settled)
      return logger.warn(
        { occurrence: job.key },
        'occurrence taken over by another process after our lease expired: its outcome stands',
      );
    await repository.saveOutcome(job.key, delivery);
    this.options.onResult?.(delivery.result, 1);
    await job.record(delivery);
    if (delivery.result !== 'failed') return;
    logger.error({ occurrence: job.key, reason: delivery.reason }, 'scheduled post failed after its retries');
    if (delivery.reason === 'channel') await job.channelGone();
    await this.notifyOrganisers(job, delivery);
  }

  private async deliver(job: Job, lease: Lease): Promise<Delivery> {
    const { poster, logger, now } = this.options;
    const settings = job.community.schedule;
    let lastError = '';
    for (let attempt = 0; attempt <= settings.retries; attempt++) {
      if (this.stopping) return 'aborted';
      try {
        const reply = await job.build();
        if (!reply) return 'gone';
        this.options.onDeliver?.({ key: job.key, at: job.at }, now());
        await withTimeout(
          poster.post({ communityId: job.community.id, platform: job.platform, channel: job.channel }, reply, {
            idempotencyKey: job.key,
            // A retry, or a claim granted before (its holder died or stalled after posting, maybe).
            maybePosted: attempt > 0 || lease.token > 1,
          }),
          settings.postTimeout,
        );
        return { at: job.at, result: 'posted', recordedAt: now() };
      } catch (error) {
        if (error instanceof UnknownChannelError)
          return { at: job.at, result: 'failed', reason: 'channel', recordedAt: now() };
        lastError = error instanceof Error ? error.message : String(error);
        logger.warn({ occurrence: job.key, attempt: attempt + 1, err: error }, 'post failed');
        if (attempt < settings.retries) {
          this.options.onResult?.('retried', 1);
          await this.sleep(settings.retryDelay * 2 ** attempt * (0.8 + Math.random() * 0.4));
        }
      }
    }
    return { at: job.at, result: 'failed', reason: lastError.slice(0, 300), recordedAt: now() };
  }

  /**
   * Tells the organisers on the platform where the post failed: their channel there if configured,
   * else a DM to each organiser named by id there.
   */
  private async notifyOrganisers(job: Job, outcome: OccurrenceOutcome): Promise<void> {
    const { poster, logger } = this.options;
    const { community, platform } = job;
    const presence = presenceOn(community, platform);
    const channel = presence?.channels.organisers;
    const organisers = presence?.organisers ?? [];
    const notice = job.failureNotice(outcome);
    const idempotencyKey = `${job.key}:failure`;
    try {
      if (channel && channel !== job.channel) {
        await poster.post({ communityId: community.id, platform, channel }, notice, { idempotencyKey });
        return;
      }
      for (const memberId of organisers)
        await poster.dm({ communityId: community.id, platform, memberId }, notice, { idempotencyKey });
      if (organisers.length === 0)
        logger.error(
          { community: community.id },
          'no organisers channel nor organiser ids to tell about a failed post',
        );
    } catch (error) {
      logger.error({ err: error, occurrence: job.key }, 'could not tell the organisers about a failed post');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the platform did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
