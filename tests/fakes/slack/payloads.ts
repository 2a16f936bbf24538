import { randomUUID } from 'node:crypto';
import { present } from './views.ts';
import type { FakeView, Workspace } from './workspace.ts';

/** What a payload needs from the fake: its workspace, and a fresh response_url pointing at its sink. */
export interface PayloadContext {
  ws: Workspace;
  responseUrl(): string;
}

export interface SlashCommandInput {
  command: string;
  text?: string;
  user_id?: string;
  channel_id?: string;
  channel_name?: string;
}

/** The fields of a slash command, all strings (a type alias, so it passes as a form body record). */
export type SlashCommandPayload = {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: string;
  response_url: string;
  trigger_id: string;
};

/** An interaction payload; its trigger id is the one a test passes on to views.open or views.push. */
export type InteractionPayload = Record<string, unknown> & { trigger_id: string };

/**
 * A slash command as Slack sends it: every value a string (it is a form body over HTTP), a trigger id the
 * fake will honour for 3 seconds, a response_url to the fake's sink.
 */
export function slashCommand(ctx: PayloadContext, input: SlashCommandInput): SlashCommandPayload {
  const { ws } = ctx;
  const userId = input.user_id ?? 'U0MEMBER';
  return {
    token: 'deprecated-verification-token',
    team_id: ws.teamId,
    team_domain: ws.teamDomain,
    channel_id: input.channel_id ?? 'C0GENERAL',
    channel_name: input.channel_name ?? 'general',
    user_id: userId,
    user_name: ws.users.get(userId)?.name ?? userId.toLowerCase(),
    command: input.command,
    text: input.text ?? '',
    api_app_id: ws.appId,
    is_enterprise_install: 'false',
    response_url: ctx.responseUrl(),
    trigger_id: ws.issueTrigger(),
  };
}

export interface BlockActionInput {
  action_id: string;
  value?: string;
  block_id?: string;
  user_id?: string;
  channel_id?: string;
  /** The message carrying the button; by default the last one the bot posted. */
  message_ts?: string;
  /** For a button inside a modal: the view it sits in. */
  view?: FakeView;
}

/** A button click (`block_actions`), from a message or from inside a modal. */
export function blockAction(ctx: PayloadContext, input: BlockActionInput): InteractionPayload {
  const { ws } = ctx;
  const action = {
    type: 'button',
    action_id: input.action_id,
    block_id: input.block_id ?? 'actions',
    text: { type: 'plain_text', text: input.action_id, emoji: true },
    value: input.value,
    action_ts: (Date.now() / 1000).toFixed(6),
  };
  const base = {
    type: 'block_actions',
    user: user(ws, input.user_id),
    api_app_id: ws.appId,
    token: 'deprecated-verification-token',
    trigger_id: ws.issueTrigger(),
    team: { id: ws.teamId, domain: ws.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    state: { values: {} },
    actions: [action],
  };
  if (input.view) {
    return { ...base, container: { type: 'view', view_id: input.view.id }, view: present(ws, input.view) };
  }
  const channel = input.channel_id ?? ws.messages.at(-1)?.channel ?? 'C0GENERAL';
  const message = input.message_ts
    ? ws.messages.find((m) => m.ts === input.message_ts)
    : ws.messages.filter((m) => m.channel === channel).at(-1);
  const ts = input.message_ts ?? message?.ts ?? ws.nextTs();
  return {
    ...base,
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: channel === 'C0GENERAL' ? 'general' : channel.toLowerCase() },
    message: {
      type: 'message',
      ts,
      text: message?.text,
      blocks: message?.blocks,
      user: ws.botUserId,
      bot_id: ws.botId,
    },
    response_url: ctx.responseUrl(),
  };
}

/** Values as Slack puts them in `view.state.values`: block id → action id → typed element state. */
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** Shorthand for plain-text inputs: block id → action id → typed text. */
export function textValues(values: Record<string, Record<string, string>>): StateValues {
  return Object.fromEntries(
    Object.entries(values).map(([block, actions]) => [
      block,
      Object.fromEntries(
        Object.entries(actions).map(([action, value]) => [action, { type: 'plain_text_input', value }]),
      ),
    ]),
  );
}

export interface ViewSubmissionInput {
  /** The modal submitted; by default the last one the app opened, pushed or updated. */
  view?: FakeView;
  values: StateValues;
  user_id?: string;
}

/** A modal submitted: the view as the app sent it (callback_id, private_metadata) with its state values. */
export function viewSubmission(ctx: PayloadContext, input: ViewSubmissionInput): InteractionPayload {
  const { ws } = ctx;
  const view = input.view ?? ws.lastView();
  if (!view) throw new Error('no modal was opened: open one with views.open before submitting it');
  return {
    type: 'view_submission',
    team: { id: ws.teamId, domain: ws.teamDomain },
    user: user(ws, input.user_id),
    api_app_id: ws.appId,
    token: 'deprecated-verification-token',
    trigger_id: ws.issueTrigger(),
    view: present(ws, view, input.values),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An Events API callback (e.g. `{ type: 'app_mention', text, user, channel }`) with its authorizations. */
export function eventCallback(
  ctx: PayloadContext,
  event: Record<string, unknown> & { type: string },
): Record<string, unknown> {
  const { ws } = ctx;
  const ts = ws.nextTs();
  return {
    token: 'deprecated-verification-token',
    team_id: ws.teamId,
    api_app_id: ws.appId,
    event: { event_ts: ts, ts, ...event },
    type: 'event_callback',
    event_id: `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: ws.teamId, user_id: ws.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

function user(ws: Workspace, id = 'U0MEMBER'): Record<string, string> {
  const name = ws.users.get(id)?.name ?? id.toLowerCase();
  return { id, username: name, name, team_id: ws.teamId };
}
