import type { Platform } from './invocation.ts';
import type { Reply } from './reply.ts';

export interface PostOptions {
  /**
   * Identity of what is posted (e.g. a scheduled occurrence). Adapters pass it to the platform's
   * idempotency mechanism where one exists (Discord's message nonce + enforce_nonce).
   */
  idempotencyKey?: string;
  /**
   * An earlier attempt with this key may have reached the platform: a retry after an error or a
   * timeout, or a claim taken over from a holder whose lease ran out. A poster whose platform has
   * no idempotency key of its own (Slack) looks for the key among what it posted before posting.
   */
  maybePosted?: boolean;
}

export interface PostTarget {
  communityId: string;
  /** Whose channel it is: a community may be on several platforms at once. */
  platform: Platform;
  /** Channel name or id as written in the community config (in that platform's section). */
  channel: string;
}

export interface DmTarget {
  communityId: string;
  /** The platform the member belongs to: a member id means nothing on another one. */
  platform: Platform;
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

/** A Poster that hands each target to the poster of its platform; `platforms` are the running ones. */
export interface RoutedPoster extends Poster {
  readonly platforms: readonly Platform[];
}

/** The running platforms, when the poster says them (a routed one); undefined for a plain Poster. */
export const runningPlatforms = (poster: Poster): readonly Platform[] | undefined =>
  'platforms' in poster ? (poster as RoutedPoster).platforms : undefined;

/**
 * One Poster over the running adapters' posters. A target on a platform that is not running is an
 * UnknownChannelError: the schedule pauses and the organisers are told, instead of retrying forever.
 */
export function routePoster(posters: Partial<Record<Platform, Poster>>): RoutedPoster {
  const to = (platform: Platform, where: string): Poster => {
    const poster = posters[platform];
    if (!poster) throw new UnknownChannelError(`${where} (${platform} is not running)`);
    return poster;
  };
  return {
    platforms: (Object.keys(posters) as Platform[]).filter((platform) => posters[platform] !== undefined),
    post: async (target, reply, options) => to(target.platform, target.channel).post(target, reply, options),
    dm: async (target, reply, options) => to(target.platform, target.memberId).dm(target, reply, options),
  };
}
