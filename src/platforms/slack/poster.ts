import { webApi } from '@slack/bolt';
import {
  UnknownChannelError,
  type DmTarget,
  type PostOptions,
  type Poster,
  type PostTarget,
} from '../../core/poster.ts';
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

/** The message metadata that carries a post's idempotency key (Slack has no nonce). */
export const POST_EVENT_TYPE = 'emcee_post';
/** How far back a repeat is looked for: a retry or a takeover comes within a lease (minutes). */
const HISTORY_LIMIT = 100;

/** A channel id as Slack issues them (public `C…`, private `G…`); anything else is a name. */
const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;

/**
 * How the bot speaks on its own on Slack: `chat.postMessage` in a channel (its id or name, as
 * the config writes it), and DMs through `conversations.open`. Files go by DM, uploaded.
 *
 * Each part of a keyed post carries its key as message metadata (`emcee_post`). When an earlier
 * attempt may have reached Slack (`maybePosted`: a retry after a timeout, a claim taken over), the
 * channel's recent history is read first and the parts found there are not posted again.
 * `conversations.history` takes a channel id only: for a channel configured by name, the id
 * Slack answered for an earlier post of this process is used; after a restart there is none, and
 * the post goes out unchecked (configure the channel's id to close that gap).
 */
export function slackPoster(deps: SlackPosterDeps): Poster {
  const call = <T>(run: () => Promise<T>) => withRateLimit(run, deps.rateLimitRetries ?? 3);
  const ids = new Map<string, string>();
  const send = async (
    channel: string,
    messages: SlackMessage[],
    key?: string,
    skip: ReadonlySet<number> = new Set(),
  ) => {
    for (const [part, message] of messages.entries()) {
      if (skip.has(part)) continue;
      const metadata =
        key === undefined ? {} : { metadata: { event_type: POST_EVENT_TYPE, event_payload: { key, part } } };
      const sent = await call(() =>
        deps.client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          ...metadata,
        }),
      );
      // Slack answers with the channel's id, also for a post made by name.
      if (sent.channel && CHANNEL_ID.test(sent.channel)) ids.set(channel, sent.channel);
      for (const file of message.files) {
        await call(() =>
          deps.client.filesUploadV2({ channel_id: channel, file: Buffer.from(file.content), filename: file.filename }),
        );
      }
    }
  };
  /** The parts of the post keyed `key` already in the channel; none when it cannot be looked up. */
  const postedParts = async (channel: string, key: string): Promise<Set<number>> => {
    const id = CHANNEL_ID.test(channel) ? channel : ids.get(channel);
    if (!id) return new Set();
    let history: Awaited<ReturnType<WebClient['conversations']['history']>>;
    try {
      history = await call(() =>
        deps.client.conversations.history({ channel: id, limit: HISTORY_LIMIT, include_all_metadata: true }),
      );
    } catch (error) {
      // Refused (an app installed before it asked for channels:history): better a possible
      // repeat than a post never made. A network error is thrown, so the attempt is retried.
      const code = platformError(error);
      if (code && !NO_CHANNEL.has(code)) return new Set();
      throw error;
    }
    const parts = (history.messages ?? []).flatMap((message) => {
      // The Web API types the payload as any: read it as the unknown JSON it is.
      const metadata: { event_type?: string; event_payload?: Record<string, unknown> } = message.metadata ?? {};
      const part = metadata.event_payload?.part;
      return metadata.event_type === POST_EVENT_TYPE && metadata.event_payload?.key === key && typeof part === 'number'
        ? [part]
        : [];
    });
    return new Set(parts);
  };
  return {
    async post(target: PostTarget, reply: Reply, options?: PostOptions) {
      const channel = target.channel.replace(/^#/, '');
      const key = options?.idempotencyKey;
      try {
        const skip = key !== undefined && options?.maybePosted ? await postedParts(channel, key) : undefined;
        await send(channel, deps.render(target.communityId, reply), key, skip);
      } catch (error) {
        if (platformError(error) && NO_CHANNEL.has(platformError(error)!))
          throw new UnknownChannelError(target.channel);
        throw error;
      }
    },
    async dm(target: DmTarget, reply: Reply, options?: PostOptions) {
      const channel = await openDm(deps.client, target.memberId, call);
      await send(channel, deps.render(target.communityId, reply), options?.idempotencyKey);
    },
  };
}

/** The DM channel with a member (`conversations.open`). */
export async function openDm(
  client: WebClient,
  userId: string,
  call: <T>(run: () => Promise<T>) => Promise<T> = (run) => run(),
): Promise<string> {
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
