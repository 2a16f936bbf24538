import { createHash } from 'node:crypto';
import { DiscordAPIError, RESTJSONErrorCodes, type Client, type Guild, type SendableChannels } from 'discord.js';
import {
  UnknownChannelError,
  type DmTarget,
  type PostOptions,
  type Poster,
  type PostTarget,
} from '../../core/poster.ts';
import type { Reply } from '../../core/reply.ts';
import type { DiscordMessage } from './render.ts';

/** Discord's message nonce: at most 25 characters. */
const NONCE_LENGTH = 25;

export interface DiscordPosterDeps {
  client: Client;
  /** The guild a community lives in, or undefined when it is not on Discord. */
  guildOf(communityId: string): string | undefined;
  render(reply: Reply): DiscordMessage[];
}

/** Raised when a member's DMs are closed (error 50007), so the caller can tell the organisers. */
export class DmClosedError extends Error {
  constructor(readonly memberId: string) {
    super(`cannot send a direct message to ${memberId}: their DMs are closed`);
    this.name = 'DmClosedError';
  }
}

/**
 * How the bot speaks on its own on Discord. A scheduled occurrence's identity becomes the message
 * nonce with `enforce_nonce`, so a retry after a lost answer never posts twice.
 */
export function discordPoster(deps: DiscordPosterDeps): Poster {
  return {
    async post(target: PostTarget, reply: Reply, options?: PostOptions) {
      const channel = await findChannel(deps, target);
      try {
        await sendAll(deps.render(reply), options, (message) => channel.send(message));
      } catch (error) {
        // Deleted since the client last heard of it: the schedule pauses instead of failing at every run.
        if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel)
          throw new UnknownChannelError(target.channel);
        throw error;
      }
    },
    async dm(target: DmTarget, reply: Reply, options?: PostOptions) {
      try {
        const user = await deps.client.users.fetch(target.memberId);
        await sendAll(deps.render(reply), options, (message) => user.send(message));
      } catch (error) {
        if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser)
          throw new DmClosedError(target.memberId);
        throw error;
      }
    },
  };
}

async function sendAll(
  messages: DiscordMessage[],
  options: PostOptions | undefined,
  send: (message: DiscordMessage & { nonce?: string; enforceNonce?: boolean }) => Promise<unknown>,
) {
  for (const [index, message] of messages.entries()) {
    const key = options?.idempotencyKey;
    await send(key ? { ...message, nonce: nonceOf(key, index), enforceNonce: true } : message);
  }
}

/** The identity of what is posted, hashed to fit the nonce; each part of a split message has its own. */
export function nonceOf(idempotencyKey: string, part: number): string {
  return createHash('sha256').update(`${idempotencyKey}#${part}`).digest('base64url').slice(0, NONCE_LENGTH);
}

/** A channel named in the config: its id, or its name (with or without `#`) in the community's guild. */
async function findChannel(deps: DiscordPosterDeps, target: PostTarget): Promise<SendableChannels> {
  const guildId = deps.guildOf(target.communityId);
  const guild = guildId ? await deps.client.guilds.fetch(guildId).catch(() => undefined) : undefined;
  const channel = guild ? await channelIn(guild, target.channel) : undefined;
  if (!channel?.isSendable()) throw new UnknownChannelError(target.channel);
  return channel;
}

async function channelIn(guild: Guild, ref: string) {
  const name = ref.replace(/^#/, '');
  if (/^\d{17,20}$/.test(name)) return guild.channels.fetch(name).catch(() => null);
  return guild.channels.cache.find((channel) => channel.name === name) ?? null;
}
