import type { Logger } from '../core/logger.ts';
import type { LiveSchedules } from './live.ts';
import { logFailure } from './logFailure.ts';
import type { AnnouncementRepository } from './repository.ts';

/** A change-log entry still missing after this long is taken as lost: everything is reloaded. */
const LOST_CHANGE_MS = 10_000;

export interface ChangePollerOptions {
  repository: AnnouncementRepository;
  live: LiveSchedules;
  logger: Logger;
  now(): number;
  /** How often other processes' changes are looked for (default 2 s). */
  pollMs?: number;
  /** Everything was reloaded: the queue's timer is armed again. */
  reloaded(): void;
}

/**
 * Follows the schedules written by other processes through the repository's change log
 * (`revision`/`changes`), polled every `pollMs`, applying each change in order.
 */
export class ChangePoller {
  private rev = 0;
  private readonly missingSince = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: ChangePollerOptions) {}

  /** Where the log stands: read before loading, so that nothing written meanwhile is missed. */
  async mark(): Promise<void> {
    this.rev = await this.options.repository.revision();
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? 2_000);
  }

  /** Stops polling at once; resolves when a poll in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.polling;
  }

  private poll(): Promise<void> {
    if (this.polling || this.stopped) return this.polling ?? Promise.resolve();
    this.polling = this.pollOnce()
      .catch((error: unknown) =>
        logFailure(this.options.logger, error, {}, 'could not read schedule changes; will retry'),
      )
      .finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const { repository, live, now } = this.options;
    const rev = await repository.revision();
    if (rev <= this.rev) return;
    const changes = await repository.changes(this.rev + 1, rev);
    for (const change of changes) {
      const number = this.rev + 1;
      if (!change) {
        // Written by a process that is between its counter increment and its write, or that died there.
        const since = this.missingSince.get(number) ?? now();
        this.missingSince.set(number, since);
        if (now() - since < LOST_CHANGE_MS) return;
        this.missingSince.clear();
        await live.reloadAll();
        this.rev = rev;
        this.options.reloaded();
        return;
      }
      this.missingSince.delete(number);
      await live.apply(change);
      this.rev = number;
    }
  }
}
