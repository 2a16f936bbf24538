/**
 * Turning the core's Outcome into what Slack takes: an ack body, posts to a response_url, a modal
 * (views.open with the trigger id), files by DM. Buttons are given their routes here, since a
 * button that opens a form needs that form kept in the store first.
 */
import { webApi } from '@slack/bolt';
import type { Community } from '../../config/community.ts';
import type { Outcome } from '../../core/command.ts';
import type { Form } from '../../core/form.ts';
import type { Locale } from '../../core/i18n.ts';
import type { Logger } from '../../core/logger.ts';
import type { Attachment, Block, Button, Reply } from '../../core/reply.ts';
import { encodeRoute } from '../../core/route.ts';
import { plain } from '../../core/text.ts';
import type { SlackCore } from './core.ts';
import { slackMessages as m } from './messages.ts';
import { viewOf } from './modal.ts';
import { openDm, withRateLimit } from './poster.ts';
import { answerAsJson, JSON_ANSWER, type JsonAnswerTarget } from './receivers.ts';
import { renderForSlack, type SlackMessage } from './render.ts';

type WebClient = InstanceType<typeof webApi.WebClient>;

/** What answering needs: the core, a Web API client, and who is being answered where. */
export interface Answering {
  core: SlackCore;
  client: WebClient;
  logger: Logger;
  community: Community;
  locale: Locale;
  /** The command whose buttons and forms these are. */
  command: string;
  userId: string;
  channelId: string;
}

/** The reply as Block Kit messages, its buttons routed (a button that opens a form keeps it in the store). */
export async function messagesOf(reply: Reply, a: Answering): Promise<SlackMessage[]> {
  const known = keptMessagesOf(reply, a);
  if (known) return known;
  if (!reusable(reply)) return freshMessagesOf(reply, a);
  const made = deepFreeze(await freshMessagesOf(reply, a));
  let forBlocks = rendered.get(reply.blocks);
  if (!forBlocks || forBlocks.size >= PER_REPLY)
    rendered.set(reply.blocks, (forBlocks = new Map<string, SlackMessage[]>()));
  forBlocks.set(keyOf(reply, a), made);
  return made;
}

/** The messages of a reply rendered before for the same command, zone and language; no promise to wait for. */
export function keptMessagesOf(reply: Reply, a: Answering): SlackMessage[] | undefined {
  return rendered.get(reply.blocks)?.get(keyOf(reply, a));
}

const keyOf = (reply: Reply, a: Answering) => `${a.command}|${a.community.timezone}|${reply.locale ?? a.locale}`;

/**
 * A programme the core keeps and hands out again (the same frozen blocks) is rendered once per
 * command, zone and language, not at every request (rendering a programme cost about 40 µs of CPU,
 * most of the adapter's own work). Blocks built for one request are never found again and go with it.
 */
const rendered = new WeakMap<readonly Block[], Map<string, SlackMessage[]>>();
const PER_REPLY = 8;

/** Frozen blocks (shared by the core), and no button that stashes a form nor any file: the same render for every reader. */
function reusable(reply: Reply): boolean {
  return (
    Object.isFrozen(reply.blocks) &&
    reply.blocks.every(
      (block) =>
        block.type !== 'attachment' && (block.type !== 'actions' || block.buttons.every((button) => !button.opens)),
    )
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

async function freshMessagesOf(reply: Reply, a: Answering): Promise<SlackMessage[]> {
  const ids = new Map<Button, string>();
  for (const block of reply.blocks) {
    if (block.type !== 'actions') continue;
    for (const button of block.buttons) {
      ids.set(
        button,
        button.opens
          ? encodeRoute({ kind: 'open', command: a.command, stash: await a.core.stashForm(button.opens) })
          : encodeRoute({ kind: 'button', command: a.command, action: button.action, value: button.value }),
      );
    }
  }
  return renderForSlack(withFileNote(reply, a.locale), {
    zone: a.community.timezone,
    locale: a.locale,
    buttonId: (button) => ids.get(button) ?? '',
  });
}

/** A reply carrying files says they come by DM: Slack has no ephemeral files. */
function withFileNote(reply: Reply, locale: Locale): Reply {
  const files = reply.blocks.flatMap((block) => (block.type === 'attachment' ? [block.attachment] : []));
  if (files.length === 0) return reply;
  const notes = files.map((file) => ({
    type: 'text' as const,
    text: m.t(locale, 'sentByDm', { filename: [plain(file.filename)] }),
  }));
  return { ...reply, blocks: [...reply.blocks, ...notes] };
}

const responseType = (visibility: Reply['visibility']) =>
  visibility === 'channel' ? ('in_channel' as const) : ('ephemeral' as const);

/** A message in the shape of a slash command ack or a response_url post. */
export function responseBody(message: SlackMessage, visibility: Reply['visibility']) {
  return {
    response_type: responseType(visibility),
    text: message.text,
    blocks: message.blocks as never[],
  };
}

/**
 * Acks a slash command with its first message. Over HTTP the body is JSON written out once per kept
 * message and visibility: the same programme is acked to reader after reader, and writing out its
 * 2.6 KB of blocks cost about 10 µs of CPU a request. In Socket Mode the envelope carries the object.
 */
export function ackWith(
  ack: (body: string | ReturnType<typeof responseBody>) => Promise<void>,
  context: Record<string, unknown>,
  message: SlackMessage,
  visibility: Reply['visibility'],
): Promise<void> {
  const target = context[JSON_ANSWER] as JsonAnswerTarget | undefined;
  if (!target) return ack(responseBody(message, visibility));
  const { json, bytes } = responseJson(message, visibility);
  answerAsJson(target, bytes);
  return ack(json);
}

type Written = { json: string; bytes: number };
const written = new WeakMap<SlackMessage, Partial<Record<'ephemeral' | 'in_channel', Written>>>();

/** A message's ack body as JSON and its length in bytes, kept with the message when the message is kept (frozen). */
function responseJson(message: SlackMessage, visibility: Reply['visibility']): Written {
  const write = (): Written => {
    const json = JSON.stringify(responseBody(message, visibility));
    return { json, bytes: Buffer.byteLength(json) };
  };
  if (!Object.isFrozen(message)) return write();
  let forMessage = written.get(message);
  if (!forMessage) written.set(message, (forMessage = {}));
  return (forMessage[responseType(visibility)] ??= write());
}

/** Opens the form as a modal; false when Slack refused the trigger (it lives 3 s), so the caller offers a button. */
export async function openModal(form: Form, triggerId: string, a: Answering): Promise<boolean> {
  try {
    await a.client.views.open({
      trigger_id: triggerId,
      view: viewOf(form, { locale: a.locale, zone: a.community.timezone, channel: a.channelId }) as never,
    });
    return true;
  } catch (error) {
    a.logger.info({ err: error, form: form.id }, 'a Slack modal could not be opened: offering a button instead');
    return false;
  }
}

/** Sends each file to the member by DM (`files.uploadV2` in the DM channel). */
export async function filesByDm(files: Attachment[], a: Answering): Promise<void> {
  if (files.length === 0) return;
  const channel = await openDm(a.client, a.userId, (run) => withRateLimit(run, 3));
  for (const file of files) {
    await withRateLimit(
      () =>
        a.client.filesUploadV2({
          channel_id: channel,
          file: Buffer.from(file.content, 'utf8'),
          filename: file.filename,
          title: file.filename,
        }),
      3,
    );
  }
}

/** After the answer: files by DM, then the effects the reply asked for. Never throws. */
export async function afterAnswer(
  outcome: Outcome,
  messages: SlackMessage[],
  a: Answering,
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  const files = messages.length === 1 ? messages[0]!.files : messages.flatMap((message) => message.files);
  if (files.length > 0) {
    try {
      await filesByDm(files, a);
    } catch (error) {
      a.logger.warn({ err: error }, 'a file could not be sent by DM on Slack');
      await tell(m.s(a.locale, 'fileNotSent', { filename: files.map((f) => f.filename).join(', ') })).catch(
        () => undefined,
      );
    }
  }
  await a.core
    .runEffects(outcome)
    .catch((error: unknown) => a.logger.error({ err: error }, 'effects after a Slack reply failed'));
}

/** Posts a reply to the member alone where they were (postEphemeral), else in their DM. */
export async function tellMember(messages: SlackMessage[], a: Answering): Promise<void> {
  for (const message of messages) {
    const body = { text: message.text, blocks: message.blocks as never[] };
    try {
      if (!a.channelId || a.channelId.startsWith('D')) throw new Error('no channel to answer in');
      await withRateLimit(() => a.client.chat.postEphemeral({ channel: a.channelId, user: a.userId, ...body }), 3);
    } catch {
      // The bot may not be in that channel: the member gets it by DM.
      const dm = await openDm(a.client, a.userId, (run) => withRateLimit(run, 3));
      await withRateLimit(() => a.client.chat.postMessage({ channel: dm, ...body }), 3);
    }
  }
}

export { isSlow, within } from '../../core/within.ts';
