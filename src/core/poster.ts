import type { Reply } from './reply.ts';

export interface PostOptions {
  /**
   * Identity of what is posted (e.g. a scheduled occurrence). Adapters pass it to the platform's
   * idempotency mechanism where one exists (Discord's message nonce + enforce_nonce).
   */
  idempotencyKey?: string;
}

export interface PostTarget {
  communityId: string;
  /** Channel name or id as written in the community config. */
  channel: string;
}

export interface DmTarget {
  communityId: string;
  memberId: string;
}

/** The one port through which the bot speaks on its own (reminders, notices to a speaker). */
export interface Poster {
  post(target: PostTarget, reply: Reply, options?: PostOptions): Promise<void>;
  dm(target: DmTarget, reply: Reply, options?: PostOptions): Promise<void>;
}

/** Raised by a Poster when the channel no longer exists, so schedules pause instead of failing. */
export class UnknownChannelError extends Error {
  constructor(readonly channel: string) {
    super(`unknown channel: ${channel}`);
    this.name = 'UnknownChannelError';
  }
}
