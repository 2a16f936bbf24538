/**
 * Messages the bot posts, edits and deletes, in channels and as interaction responses. Answers
 * are full APIMessage objects computed the way Discord computes them (mentions honour
 * `allowed_mentions`; `nonce` + `enforce_nonce` make a post idempotent), so a test can assert
 * what members would actually see and who would be pinged.
 */
import {
  AllowedMentionsTypes,
  MessageType,
  type APIMessage,
  type APIUser,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import type { SnowflakeGenerator } from './snowflake.ts';
import { Recorded } from './waiting.ts';

export type MessageBody = Pick<
  RESTPostAPIChannelMessageJSONBody,
  'content' | 'embeds' | 'components' | 'allowed_mentions' | 'flags' | 'nonce' | 'enforce_nonce' | 'tts' | 'attachments'
>;

export interface PostedMessage {
  channelId: string;
  body: MessageBody;
  message: APIMessage;
}

export interface ApiFailure {
  status: number;
  code: number;
  message: string;
  errors?: unknown;
}

/** How long Discord remembers an enforced nonce ("a few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60_000;
export const CONTENT_LIMIT = 2000;

export class MessageStore {
  readonly byId = new Map<string, APIMessage>();
  /** Every message created (not the ones a repeated nonce deduplicated). */
  readonly posted = new Recorded<PostedMessage>('a posted message');
  readonly edited = new Recorded<PostedMessage>('an edited message');
  private readonly nonces = new Map<string, { at: number; messageId: string }>();

  constructor(
    private readonly ids: SnowflakeGenerator,
    private readonly users: Map<string, APIUser>,
  ) {}

  /** Posts a message; a repeated enforced nonce returns the first message and posts nothing. */
  create(
    channelId: string,
    author: APIUser,
    body: MessageBody,
    extra: Partial<APIMessage> = {},
    allowEmpty = false,
  ): APIMessage | ApiFailure {
    // Only Discord itself makes empty messages: the "thinking…" placeholder of a deferral.
    const invalid = allowEmpty ? undefined : validate(body);
    if (invalid) return invalid;
    const nonceKey = body.enforce_nonce && body.nonce !== undefined ? `${author.id}:${String(body.nonce)}` : undefined;
    const earlier = nonceKey ? this.nonces.get(nonceKey) : undefined;
    if (nonceKey && earlier && Date.now() - earlier.at < NONCE_WINDOW_MS) {
      const original = this.byId.get(earlier.messageId);
      if (original) return original;
    }
    const message: APIMessage = {
      id: this.ids.next(),
      channel_id: channelId,
      author,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts ?? false,
      ...this.mentions(body),
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: MessageType.Default,
      ...(body.flags ? { flags: body.flags } : {}),
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...extra,
    };
    this.byId.set(message.id, message);
    if (nonceKey) this.nonces.set(nonceKey, { at: Date.now(), messageId: message.id });
    this.posted.push({ channelId, body, message });
    return message;
  }

  edit(message: APIMessage, body: MessageBody): APIMessage | ApiFailure {
    // In an edit, a null content clears it; an absent one keeps it.
    const sent = (body as { content?: string | null }).content;
    const merged = { ...body, content: sent === null ? '' : (sent ?? message.content) };
    const invalid = validate({
      ...merged,
      embeds: body.embeds ?? message.embeds,
      components: body.components ?? message.components,
    });
    if (invalid) return invalid;
    Object.assign(message, {
      content: merged.content,
      ...(body.embeds ? { embeds: body.embeds } : {}),
      ...(body.components ? { components: body.components } : {}),
      ...(body.flags !== undefined && body.flags !== null ? { flags: body.flags } : {}),
      ...(body.content !== undefined ? this.mentions(merged) : {}),
      edited_timestamp: new Date().toISOString(),
    });
    this.edited.push({ channelId: message.channel_id, body, message });
    return message;
  }

  inChannel(channelId: string): APIMessage[] {
    return this.posted.items.filter((posted) => posted.channelId === channelId).map((posted) => posted.message);
  }

  /** Who the content pings, given `allowed_mentions` (absent: everything in the text may ping). */
  private mentions(body: MessageBody): Pick<APIMessage, 'mentions' | 'mention_roles' | 'mention_everyone'> {
    const content = body.content ?? '';
    const allowed = body.allowed_mentions;
    const parse = new Set(allowed ? (allowed.parse ?? []) : Object.values(AllowedMentionsTypes));
    const userIds = [...content.matchAll(/<@!?(\d{17,20})>/g)].map((match) => match[1] ?? '');
    const roleIds = [...content.matchAll(/<@&(\d{17,20})>/g)].map((match) => match[1] ?? '');
    const mayPingUser = (id: string) => parse.has(AllowedMentionsTypes.User) || (allowed?.users ?? []).includes(id);
    const mayPingRole = (id: string) => parse.has(AllowedMentionsTypes.Role) || (allowed?.roles ?? []).includes(id);
    return {
      mention_everyone: parse.has(AllowedMentionsTypes.Everyone) && /@(everyone|here)/.test(content),
      mentions: unique(userIds.filter(mayPingUser))
        .map((id) => this.users.get(id))
        .filter((user): user is APIUser => user !== undefined),
      mention_roles: unique(roleIds.filter(mayPingRole)),
    };
  }
}

export function isFailure(value: APIMessage | ApiFailure): value is ApiFailure {
  return 'status' in value && 'code' in value && !('id' in value);
}

function validate(body: MessageBody): ApiFailure | undefined {
  const content = body.content ?? '';
  if (content.length > CONTENT_LIMIT) {
    return {
      status: 400,
      code: 50035,
      message: 'Invalid Form Body',
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
    };
  }
  const empty = content === '' && !body.embeds?.length && !body.components?.length && !body.attachments?.length;
  if (empty) return { status: 400, code: 50006, message: 'Cannot send an empty message' };
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
