import type { Bot } from './bot.ts';
import type { CommunityInfo } from './community.ts';
import type { Platform } from './invocation.ts';
import type { Poster } from './poster.ts';

/**
 * What the bot needs from a platform adapter, and no more (the seam is as small as bolt-js's
 * `Receiver`): start listening, stop, and a Poster through which the bot speaks on its own.
 * Several adapters may run in one process; their posters are composed with `routePoster`.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  /** Connects and starts handing invocations to the bot; resolves once it is ready. */
  start(): Promise<void>;
  /** Disconnects; resolves once nothing more will be handed to the bot. */
  stop(): Promise<void>;
  readonly poster: Poster;
  /**
   * Whether the connection to the platform is up now (true), else why not: /readyz says it.
   * Without it, a started adapter counts as connected until it is stopped.
   */
  connected?(): true | string;
}

/**
 * An adapter that hands its platform's requests to a bot. Its poster exists first (the bot's
 * services are built with it), then it is bound to the bot, then started.
 */
export interface BotAdapter<C extends CommunityInfo = CommunityInfo> extends PlatformAdapter {
  /** `C`: the communities as the adapter reads them (its platform's ids), given by the composition root. */
  bind<S>(bot: Bot<S, C>): void;
}
