/**
 * emcee's Discord adapter, on the core's small seam (BotAdapter): the unmodified discord.js client
 * (intent Guilds only, nothing privileged), its Poster, interactions handed to the bot it is bound
 * to, and an orderly stop. Several adapters may run in one process on one bot (src/runAdapters.ts).
 */
import { once } from 'node:events';
import { Client, DiscordAPIError, Events, GatewayCloseCodes, GatewayIntentBits, Status } from 'discord.js';
import type { Agenda } from '../../agenda/agenda.ts';
import type { Community } from '../../config/community.ts';
import type { BotAdapter } from '../../core/adapter.ts';
import type { Bot } from '../../core/bot.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Store } from '../../store/store.ts';
import { coreOf } from './dispatch.ts';
import { InteractionRouter } from './interactions.ts';
import { discordPoster } from './poster.ts';
import { renderForDiscord } from './render.ts';
import { Stash } from './stash.ts';

export interface DiscordAdapterOptions {
  token: string;
  /** discord.js's `rest.api` (default Discord's own): a proxy, or a fake in tests. */
  apiUrl?: string;
  clock: Clock;
  logger: Logger;
  /** Defer a slow answer after this long (default 2 s). */
  deferAfterMs?: number;
}

export interface DiscordAdapter extends BotAdapter<Community> {
  readonly client: Client;
  /** Resolves if Discord drops the connection for good while running (token reset: 4004): the bot must stop. */
  readonly lost: Promise<DiscordLoginError>;
}

/** Login refused by Discord: said in one line, without a stack. */
export class DiscordLoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscordLoginError';
  }
}

/** What the adapter reads of the bot's services: the agenda (autocomplete) and the store (form state). */
interface DiscordServices {
  agenda(communityId: string): Agenda;
  store: Store;
}

export function discordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // No message may ping anyone unless it says so itself (the renderer names the members it mentions).
    allowedMentions: { parse: [] },
    // What emcee sends (render.ts, modal.ts, autocomplete.ts) is already API-shaped JSON, snake_case;
    // discord.js's default converter would rebuild every embed, field and button key by key through
    // lodash.snakecase (30 µs of CPU on /agenda 4's reply, more on a longer programme), for nothing.
    jsonTransformer: sentAsIs,
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
  let bound: Bot<DiscordServices, Community> | undefined;
  let router: InteractionRouter | undefined;
  let gone: DiscordLoginError | undefined;
  const lost = new Promise<DiscordLoginError>((resolve) =>
    // discord.js reconnects on its own, except after a close it cannot recover from.
    client.on(Events.ShardDisconnect, (event) => {
      gone ??= closeError(event.code);
      if (gone) resolve(gone);
    }),
  );
  client.on(Events.InteractionCreate, (interaction) => router?.take(interaction));
  client.on(Events.Error, (error) => options.logger.error({ err: error }, 'discord client error'));
  return {
    platform: 'discord',
    client,
    lost,
    poster: discordPoster({
      client,
      guildOf: (communityId) => bound?.communities.get(communityId)?.discord?.guildId,
      render: (reply) => renderForDiscord(reply, { buttonId: () => '' }),
    }),
    bind(bot) {
      // The app's services carry what the adapter reads (src/services.ts).
      bound = bot as unknown as Bot<DiscordServices, Community>;
      const core = coreOf(bound);
      router = new InteractionRouter({
        core,
        stash: new Stash(core.store),
        clock: options.clock,
        logger: options.logger,
        deferAfterMs: options.deferAfterMs,
      });
    },
    async start() {
      try {
        const ready = once(client, Events.ClientReady);
        await client.login(options.token);
        await ready;
      } catch (error) {
        await client.destroy();
        throw loginError(error);
      }
      options.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
    },
    // For /readyz: the Gateway session, as discord.js tracks it (reconnecting counts as not ready).
    connected: () => {
      if (gone) return `Discord gateway closed for good: ${gone.message}`;
      return client.ws.status === Status.Ready
        ? true
        : `Discord gateway ${Status[client.ws.status]?.toLowerCase() ?? 'not connected'}`;
    },
    async stop() {
      await router?.drain();
      await client.destroy();
    },
  };
}

/** Outgoing JSON as emcee built it: already in the API's shape. */
export function sentAsIs(json: unknown): unknown {
  return json;
}

const BAD_TOKEN =
  'Discord refused the bot token (close 4004): set DISCORD_TOKEN to the token of the Bot tab of your application in the Discord Developer Portal.';
const BAD_INTENTS =
  'Discord refused the gateway intents (close 4014): emcee asks only for Guilds; check that nothing adds a privileged intent, or enable it in the Developer Portal, Bot tab.';

/** Why Discord refused the connection, and what to do about it. */
function loginError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  // @discordjs/ws rejects login with these messages; a bad token may also be a 401 on GET /gateway/bot.
  if (/authentication failed/i.test(message) || (error instanceof DiscordAPIError && error.status === 401))
    return new DiscordLoginError(BAD_TOKEN);
  if (/disallowed intents|invalid intents/i.test(message)) return new DiscordLoginError(BAD_INTENTS);
  return error instanceof Error ? error : new Error(message);
}

function closeError(code: number): DiscordLoginError | undefined {
  if (code === GatewayCloseCodes.AuthenticationFailed) return new DiscordLoginError(BAD_TOKEN);
  if (code === GatewayCloseCodes.DisallowedIntents || code === GatewayCloseCodes.InvalidIntents)
    return new DiscordLoginError(BAD_INTENTS);
  // Other codes discord.js gives up on (sharding, API version): said as they are.
  if (code >= 4000)
    return new DiscordLoginError(
      `Discord closed the connection for good (close ${code}, ${GatewayCloseCodes[code] ?? 'unknown'}).`,
    );
  return undefined;
}
