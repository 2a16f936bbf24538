/**
 * emcee on Discord alone: the Discord adapter on one bot and one store (src/runAdapters.ts), as the
 * end-to-end tests and the bench start it. `emcee start` builds the same adapter beside the others
 * whose tokens are set (src/cli/startPlatforms.ts).
 */
import type { Client } from 'discord.js';
import type { App } from '../../app.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { runAdapters } from '../../runAdapters.ts';
import type { Store } from '../../store/store.ts';
import { discordAdapter, DiscordLoginError } from './adapter.ts';

export { DiscordLoginError };

export interface DiscordRunOptions {
  token: string;
  /** discord.js's `rest.api` (default Discord's own): a proxy, or a fake in tests. */
  apiUrl?: string;
  configDir: string;
  clock: Clock;
  logger: Logger;
  /** An already open store (tests); else STORE_URL. */
  store?: Store;
  /** Defer a slow answer after this long (default 2 s). */
  deferAfterMs?: number;
  /** Post reminders and announcements (default true). */
  scheduler?: boolean;
  /** Called once the configuration is loaded, before anything reads the clock. */
  loaded?(app: App): void;
}

export interface RunningDiscord {
  client: Client;
  app: App;
  /** Resolves if Discord drops the connection for good while running (token reset: 4004): the bot must stop. */
  lost: Promise<DiscordLoginError>;
  /** Stops taking interactions, finishes those in flight, then closes the client and the store (once, however often called). */
  stop(): Promise<void>;
}

export async function runDiscord(options: DiscordRunOptions): Promise<RunningDiscord> {
  const { token, apiUrl, deferAfterMs, ...rest } = options;
  const adapter = discordAdapter({
    token,
    clock: options.clock,
    logger: options.logger,
    ...(apiUrl ? { apiUrl } : {}),
    ...(deferAfterMs !== undefined ? { deferAfterMs } : {}),
  });
  const running = await runAdapters({ ...rest, adapters: [adapter] });
  let stopped: Promise<void> | undefined;
  return { client: adapter.client, app: running.app, lost: adapter.lost, stop: () => (stopped ??= running.stop()) };
}
