import { flag, text } from './body.ts';
import { viewsOpen, viewsPush, viewsUpdate } from './views.ts';
import type { FakeUser, Workspace } from './workspace.ts';

export type Result = { ok: true; [key: string]: unknown } | { ok: false; error: string; [key: string]: unknown };

type Args = Record<string, unknown>;

/** What a handler may reach besides the workspace: the fake's own address and its Socket Mode tickets. */
export interface MethodContext {
  ws: Workspace;
  origin: string;
  openSocketTicket(): string;
}

/** Which token a method needs: apps.connections.open takes the app-level token, the rest the bot token. */
export type TokenKind = 'bot' | 'app';

export interface Method {
  token: TokenKind;
  run(args: Args, ctx: MethodContext): Result;
}

const bot = (run: Method['run']): Method => ({ token: 'bot', run });

export const METHODS: Record<string, Method> = {
  'auth.test': bot((_args, { ws }) => ({
    ok: true,
    url: `https://${ws.teamDomain}.slack.com/`,
    team: 'Fake Meetup',
    user: 'emcee',
    team_id: ws.teamId,
    user_id: ws.botUserId,
    bot_id: ws.botId,
    is_enterprise_install: false,
  })),
  'apps.connections.open': {
    token: 'app',
    run: (_args, ctx) => ({
      ok: true,
      url: `${ctx.origin.replace(/^http/, 'ws')}/link/?ticket=${ctx.openSocketTicket()}&app_id=${ctx.ws.appId}`,
    }),
  },
  'chat.postMessage': bot((args, { ws }) => postMessage(ws, args)),
  'chat.postEphemeral': bot((args, { ws }) => {
    if (!text(args.channel)) return { ok: false, error: 'channel_not_found' };
    if (!text(args.user)) return { ok: false, error: 'user_not_found' };
    if (!hasContent(args)) return { ok: false, error: 'no_text' };
    return { ok: true, message_ts: ws.nextTs() };
  }),
  'chat.update': bot((args, { ws }) => {
    const message = ws.messages.find((m) => m.channel === text(args.channel) && m.ts === text(args.ts));
    if (!message) return { ok: false, error: 'message_not_found' };
    if (!hasContent(args)) return { ok: false, error: 'no_text' };
    message.text = text(args.text);
    message.blocks = args.blocks;
    return { ok: true, channel: message.channel, ts: message.ts, text: message.text, message: botMessage(ws, message) };
  }),
  'views.open': bot((args, { ws }) => viewsOpen(ws, args)),
  'views.push': bot((args, { ws }) => viewsPush(ws, args)),
  'views.update': bot((args, { ws }) => viewsUpdate(ws, args)),
  'conversations.history': bot((args, { ws }) => conversationsHistory(ws, args)),
  'conversations.open': bot((args, { ws }) => {
    const users = (text(args.users) ?? '').split(',').filter(Boolean);
    if (users.length !== 1)
      return { ok: false, error: users.length === 0 ? 'users_list_not_supplied' : 'not_enough_users' };
    const user = users[0] as string;
    if (!ws.users.has(user)) return { ok: false, error: 'user_not_found' };
    return { ok: true, channel: { id: ws.dmWith(user) } };
  }),
  'users.info': bot((args, { ws }) => {
    const user = ws.users.get(text(args.user) ?? '');
    if (!user) return { ok: false, error: 'user_not_found' };
    return { ok: true, user: presentUser(ws, user, flag(args.include_locale)) };
  }),
  'usergroups.users.list': bot((args, { ws }) => {
    const users = ws.usergroups.get(text(args.usergroup) ?? '');
    if (!users) return { ok: false, error: 'no_such_subteam' };
    return { ok: true, users: [...users] };
  }),
  'files.getUploadURLExternal': bot((args, { ws, origin }) => {
    const filename = text(args.filename);
    const length = Number(text(args.length));
    if (!filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
    const id = ws.nextId('F');
    ws.files.set(id, {
      id,
      filename,
      length,
      title: undefined,
      data: undefined,
      channel: undefined,
      initial_comment: undefined,
      completed: false,
    });
    return { ok: true, upload_url: `${origin}/upload/${id}`, file_id: id };
  }),
  'files.completeUploadExternal': bot((args, { ws }) => completeUploads(ws, args)),
};

function hasContent(args: Args): boolean {
  return Boolean(text(args.text)) || Array.isArray(args.blocks) || Array.isArray(args.attachments);
}

function postMessage(ws: Workspace, args: Args): Result {
  const channel = text(args.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  if (!hasContent(args)) return { ok: false, error: 'no_text' };
  const metadata = args.metadata;
  if (metadata !== undefined && !validMetadata(metadata)) return { ok: false, error: 'invalid_metadata_format' };
  const message = {
    channel,
    ts: ws.nextTs(),
    text: text(args.text),
    blocks: args.blocks,
    thread_ts: text(args.thread_ts),
    ...(metadata ? { metadata } : {}),
  };
  ws.messages.push(message);
  return { ok: true, channel, ts: message.ts, message: botMessage(ws, message) };
}

/** Slack's message metadata: an `event_type` (letters, digits, underscores) and an `event_payload` object. */
function validMetadata(metadata: unknown): boolean {
  const m = metadata as { event_type?: unknown; event_payload?: unknown };
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.event_type === 'string' &&
    /^[A-Za-z0-9_]{1,255}$/.test(m.event_type) &&
    typeof m.event_payload === 'object' &&
    m.event_payload !== null &&
    !Array.isArray(m.event_payload)
  );
}

/**
 * conversations.history: a channel's messages, most recent first, `limit` of them (default 100,
 * at most 999); `has_more` when more are older. Metadata is included only with
 * `include_all_metadata`. Only channel ids are accepted, as Slack does (a name: channel_not_found).
 */
function conversationsHistory(ws: Workspace, args: Args): Result {
  const channel = text(args.channel);
  if (!channel || !/^[CGD][A-Z0-9]+$/.test(channel)) return { ok: false, error: 'channel_not_found' };
  const limit = Math.min(Math.max(Number(text(args.limit) ?? 100) || 100, 1), 999);
  const withMetadata = flag(args.include_all_metadata);
  const all = ws.messages.filter((m) => m.channel === channel && m.thread_ts === undefined).reverse();
  const messages = all.slice(0, limit).map((m) => {
    const { metadata, ...rest } = botMessage(ws, m);
    return withMetadata && metadata ? { ...rest, metadata } : rest;
  });
  return { ok: true, messages, has_more: all.length > limit, pin_count: 0 };
}

function botMessage(ws: Workspace, message: Workspace['messages'][number]): Record<string, unknown> {
  const { channel: _channel, ...rest } = message;
  return { type: 'message', user: ws.botUserId, bot_id: ws.botId, app_id: ws.appId, team: ws.teamId, ...rest };
}

function presentUser(ws: Workspace, user: FakeUser, withLocale: boolean): Record<string, unknown> {
  const { locale, ...rest } = user;
  return {
    ...rest,
    team_id: ws.teamId,
    deleted: false,
    profile: { display_name: user.name, real_name: user.real_name },
    ...(withLocale ? { locale } : {}),
  };
}

/** files.completeUploadExternal: every listed file must have been announced and its bytes sent. */
function completeUploads(ws: Workspace, args: Args): Result {
  const listed = Array.isArray(args.files) ? (args.files as Args[]) : undefined;
  if (!listed || listed.length === 0) return { ok: false, error: 'invalid_arguments' };
  const files = listed.map((entry) => ws.files.get(text(entry.id) ?? ''));
  if (files.some((file) => !file || !file.data)) return { ok: false, error: 'file_not_found' };
  const channel = text(args.channel_id);
  const done = files.map((file, index) => {
    const f = file as NonNullable<typeof file>;
    Object.assign(f, {
      title: text(listed[index]?.title) ?? f.filename,
      channel,
      initial_comment: text(args.initial_comment),
      completed: true,
    });
    return { id: f.id, name: f.filename, title: f.title, size: f.length, channels: channel ? [channel] : [] };
  });
  return { ok: true, files: done };
}
