import { webApi } from '@slack/bolt';
import { UnknownChannelError, type DmTarget, type Poster, type PostTarget } from '../../core/poster.ts';
import type { Reply } from '../../core/reply.ts';
import type { SlackMessage } from './render.ts';

type WebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackPosterDeps {
  /** A client that rejects rate-limited calls, so that the wait is ours (see `withRateLimit`). */
  client: WebClient;
  /** The community's messages as Block Kit; the community's zone decides the date fallbacks. */
  render(communityId: string, reply: Reply): SlackMessage[];
  /** How many 429s in a row are waited out before giving up (default 3). */
  rateLimitRetries?: number;
}

/** Errors that mean the channel is gone or the bot cannot post there: the schedule pauses. */
const NO_CHANNEL = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'channel_is_archived']);

/**
 * How the bot speaks on its own on Slack: `chat.postMessage` in a channel (its id or name, as
 * the config writes it), and DMs through `conversations.open`. Files go by DM, uploaded.
 */
export function slackPoster(deps: SlackPosterDeps): Poster {
  const call = <T>(run: () => Promise<T>) => withRateLimit(run, deps.rateLimitRetries ?? 3);
  const send = async (channel: string, messages: SlackMessage[]) => {
    for (const message of messages) {
      await call(() => deps.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false }));
      for (const file of message.files) {
        await call(() => deps.client.filesUploadV2({ channel_id: channel, file: Buffer.from(file.content), filename: file.filename }));
      }
    }
  };
  return {
    async post(target: PostTarget, reply: Reply) {
      try {
        await send(target.channel.replace(/^#/, ''), deps.render(target.communityId, reply));
      } catch (error) {
        if (platformError(error) && NO_CHANNEL.has(platformError(error)!)) throw new UnknownChannelError(target.channel);
        throw error;
      }
    },
    async dm(target: DmTarget, reply: Reply) {
      const channel = await openDm(deps.client, target.memberId, call);
      await send(channel, deps.render(target.communityId, reply));
    },
  };
}

/** The DM channel with a member (`conversations.open`). */
export async function openDm(client: WebClient, userId: string, call: <T>(run: () => Promise<T>) => Promise<T> = (run) => run()): Promise<string> {
  const opened = await call(() => client.conversations.open({ users: userId }));
  const id = opened.channel?.id;
  if (!id) throw new Error(`conversations.open gave no channel for ${userId}`);
  return id;
}

/** Slack's `error` code of a failed call (`channel_not_found`…), if that is what it is. */
export function platformError(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** Waits out HTTP 429 for as long as `Retry-After` says, then tries again, at most `retries` times. */
export async function withRateLimit<T>(run: () => Promise<T>, retries: number): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const e = error as { code?: string; retryAfter?: number };
      if (e?.code !== webApi.ErrorCode.RateLimitedError || attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, (e.retryAfter ?? 1) * 1000));
    }
  }
}
