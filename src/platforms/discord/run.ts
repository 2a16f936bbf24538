/**
 * emcee on Discord: the unmodified discord.js client (intent Guilds only, nothing privileged),
 * the app wired with the Discord Poster, interactions handed to the router, and an orderly stop.
 */
import { once } from 'node:events';
import { Client, DiscordAPIError, Events, GatewayCloseCodes, GatewayIntentBits } from 'discord.js';
import { createApp, type App } from '../../app.ts';
import { startScheduler } from '../../announcements/runtime.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { routePoster } from '../../core/poster.ts';
import type { Store } from '../../store/store.ts';
import { coreOf } from './dispatch.ts';
import { InteractionRouter } from './interactions.ts';
import { discordPoster } from './poster.ts';
import { renderForDiscord } from './render.ts';
import { Stash } from './stash.ts';

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

/** Login refused by Discord: said in one line, without a stack. */
export class DiscordLoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscordLoginError';
  }
}

export async function runDiscord(options: DiscordRunOptions): Promise<RunningDiscord> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // No message may ping anyone unless it says so itself (the renderer names the members it mentions).
    allowedMentions: { parse: [] },
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
  const app = await createApp({
    configDir: options.configDir,
    clock: options.clock,
    logger: options.logger,
    ...(options.store ? { store: options.store } : {}),
    // Routed: the scheduler then posts to this community's Discord channels only.
    poster: (communities) =>
      routePoster({
        discord: discordPoster({
          client,
          guildOf: (communityId) => communities.get(communityId)?.discord?.guildId,
          render: (reply) => renderForDiscord(reply, { buttonId: () => '' }),
        }),
      }),
  });
  options.loaded?.(app);
  const stash = new Stash(app.services.store);
  const router = new InteractionRouter({ core: coreOf(app.bot), stash, clock: options.clock, logger: options.logger, deferAfterMs: options.deferAfterMs });
  client.on(Events.InteractionCreate, (interaction) => router.take(interaction));
  client.on(Events.Error, (error) => options.logger.error({ err: error }, 'discord client error'));
  try {
    const ready = once(client, Events.ClientReady);
    await client.login(options.token);
    await ready;
  } catch (error) {
    await client.destroy();
    await app.close();
    throw loginError(error);
  }
  options.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  // discord.js reconnects on its own, except after a close it cannot recover from.
  const lost = new Promise<DiscordLoginError>((resolve) =>
    client.on(Events.ShardDisconnect, (event) => {
      const error = closeError(event.code);
      if (error) resolve(error);
    }),
  );
  const scheduler = options.scheduler === false ? undefined : await startScheduler(app, options.clock);
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    await router.drain();
    await scheduler?.stop();
    await client.destroy();
    await app.close();
  };
  return { client, app, lost, stop: () => (stopped ??= stop()) };
}

const BAD_TOKEN = 'Discord refused the bot token (close 4004): set DISCORD_TOKEN to the token of the Bot tab of your application in the Discord Developer Portal.';
const BAD_INTENTS =
  'Discord refused the gateway intents (close 4014): emcee asks only for Guilds; check that nothing adds a privileged intent, or enable it in the Developer Portal, Bot tab.';

/** Why Discord refused the connection, and what to do about it. */
function loginError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  // @discordjs/ws rejects login with these messages; a bad token may also be a 401 on GET /gateway/bot.
  if (/authentication failed/i.test(message) || (error instanceof DiscordAPIError && error.status === 401)) return new DiscordLoginError(BAD_TOKEN);
  if (/disallowed intents|invalid intents/i.test(message)) return new DiscordLoginError(BAD_INTENTS);
  return error instanceof Error ? error : new Error(message);
}

function closeError(code: number): DiscordLoginError | undefined {
  if (code === GatewayCloseCodes.AuthenticationFailed) return new DiscordLoginError(BAD_TOKEN);
  if (code === GatewayCloseCodes.DisallowedIntents || code === GatewayCloseCodes.InvalidIntents) return new DiscordLoginError(BAD_INTENTS);
  // Other codes discord.js gives up on (sharding, API version): said as they are.
  if (code >= 4000) return new DiscordLoginError(`Discord closed the connection for good (close ${code}, ${GatewayCloseCodes[code] ?? 'unknown'}).`);
  return undefined;
}
