/**
 * Slack in, core calls out: slash commands, button clicks and modal submissions, each acked within
 * Slack's 3 seconds whatever the store does (a slow answer follows on the response_url).
 */
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App as BoltApp,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { Community } from '../../config/community.ts';
import type { Outcome } from '../../core/command.ts';
import type { Form } from '../../core/form.ts';
import type { Logger } from '../../core/logger.ts';
import { say, type Reply } from '../../core/reply.ts';
import { decodeRoute } from '../../core/route.ts';
import { literal } from '../../core/text.ts';
import type { Actor, SlackCore } from './core.ts';
import {
  ackWith,
  afterAnswer,
  isSlow,
  keptMessagesOf,
  messagesOf,
  openModal,
  responseBody,
  tellMember,
  within,
  type Answering,
} from './deliver.ts';
import type { MemberLookup } from './members.ts';
import { slackMessages as m } from './messages.ts';
import { fieldErrors, metadataOf, submittedValues, viewOf } from './modal.ts';
import { renderForSlack } from './render.ts';

export interface HandlerDeps {
  core: SlackCore;
  members: MemberLookup;
  logger: Logger;
  /** Ack with the answer itself when it is ready this soon; else ack at once and answer later (default 1.5 s). */
  ackWithinMs?: number;
}

type Respond = (message: Record<string, unknown>) => Promise<unknown>;

export function registerHandlers(bolt: BoltApp, deps: HandlerDeps): { drain(): Promise<void> } {
  // Requests still at work, and what drain() waits on: a count, not a promise chain per request.
  let running = 0;
  let idle: (() => void) | undefined;
  let drained: Promise<void> | undefined;
  let accepting = true;
  const track = async (work: Promise<void>) => {
    running += 1;
    try {
      await work;
    } catch (error) {
      deps.logger.error({ err: error }, 'a Slack request failed');
    } finally {
      running -= 1;
      if (running === 0) idle?.();
    }
  };
  // One middleware rather than a listener per kind: Bolt runs every listener's middleware chain on
  // every request (about 4 µs of CPU each), and each request here has exactly one handler.
  bolt.use(async (args) => {
    const handler = handlerOf(args, deps);
    if (!handler) return args.next();
    // Draining: every kind handled here has an ack; it is given so Slack does not retry.
    await (accepting ? track(handler()) : 'ack' in args ? args.ack?.() : undefined);
  });
  return {
    async drain() {
      accepting = false;
      if (running > 0) await (drained ??= new Promise<void>((resolve) => (idle = resolve)));
    },
  };
}

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type BlockActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const isCommand = (args: Args): args is CommandArgs => 'command' in args && Boolean(args.command);
const isBlockAction = (args: Args): args is BlockActionArgs =>
  args.body.type === 'block_actions' && 'action' in args && Boolean(args.action);
const isSubmission = (args: Args): args is SubmitArgs =>
  args.body.type === 'view_submission' && 'view' in args && Boolean(args.view);

/** The handler of a slash command, a block action or a view submission; undefined for anything else. */
function handlerOf(args: Args, deps: HandlerDeps): (() => Promise<void>) | undefined {
  if (isCommand(args)) return () => onCommand(args, deps);
  if (isBlockAction(args)) return () => onAction(args, deps);
  if (isSubmission(args)) return () => onSubmit(args, deps);
  return undefined;
}

/** Who acted: at once when the member's lookups are cached (nearly always), else looked up within their deadline. */
function actorOf(
  deps: HandlerDeps,
  community: Community | undefined,
  who: { teamId: string; channelId: string; userId: string; userName: string },
): Actor | Promise<Actor> {
  const organiserGroups = community?.slack?.organiserGroups ?? [];
  const known = deps.members.known(who.userId, organiserGroups);
  const actor = (locale: string | undefined, groups: string[]): Actor => ({
    teamId: who.teamId,
    channelId: who.channelId,
    userId: who.userId,
    userName: who.userName,
    locale,
    groups,
  });
  if (known) return actor(known.locale, known.groups);
  return Promise.all([deps.members.locale(who.userId), deps.members.groupsOf(who.userId, organiserGroups)]).then(
    ([locale, groups]) => actor(locale, groups),
  );
}

/** Who is being answered, where, and for which command: what every answer after the event needs. */
function answering(
  deps: HandlerDeps,
  client: Answering['client'],
  community: Community,
  actor: Actor,
  command: string,
  channelId: string,
): Answering {
  const locale = deps.core.localeOf(actor, community);
  return { core: deps.core, client, logger: deps.logger, community, locale, command, userId: actor.userId, channelId };
}

/** The polite answer to a workspace no community names: what to add to the config. */
function unknownTeam(deps: HandlerDeps, actor: Actor) {
  const locale = deps.core.localeOf(actor, undefined);
  const reply = say(m.t(locale, 'unknownTeam', { snippet: [literal(`\`slack: { teamId: "${actor.teamId}" }\``)] }));
  const [message] = renderForSlack(reply, { zone: 'UTC', locale, buttonId: () => '' });
  return responseBody(message!, 'ephemeral');
}

async function onCommand(
  args: SlackCommandMiddlewareArgs & Pick<AllMiddlewareArgs, 'context'> & { client: Answering['client'] },
  deps: HandlerDeps,
): Promise<void> {
  const { command: payload, ack, respond, client, context } = args;
  const name = payload.command.startsWith('/') ? payload.command.slice(1) : payload.command;
  const community = deps.core.communityOfTeam(payload.team_id);
  const who = {
    teamId: payload.team_id,
    channelId: payload.channel_id,
    userId: payload.user_id,
    userName: payload.user_name,
  };
  const known = actorOf(deps, community, who);
  // Awaited only when looked up: an await costs a turn of the microtask queue even on a value.
  const actor = known instanceof Promise ? await known : known;
  if (!community) return void (await ack(unknownTeam(deps, actor)));
  const a = answering(deps, client, community, actor, name, actor.channelId);
  const invocation = deps.core.invocation(community, actor, name, payload.text);
  const first = deps.core.plan(invocation);
  const work = deps.core.command(invocation);
  if (first === 'form') {
    await ack();
    return answerLater(await work, a, respond, payload.trigger_id);
  }
  const early = await within(work, deps.ackWithinMs ?? 1_500);
  if (isSlow(early) || early.kind === 'form') {
    await ack();
    return answerLater(isSlow(early) ? await work : early, a, respond, payload.trigger_id);
  }
  const messages = keptMessagesOf(early, a) ?? (await messagesOf(early, a));
  await ackWith(ack, context, messages[0]!, early.visibility);
  for (let index = 1; index < messages.length; index++) await respond(responseBody(messages[index]!, early.visibility));
  await afterAnswer(early, messages, a, (text) => respond({ response_type: 'ephemeral', text }));
}

/** After the ack: a form as a modal while the trigger lives (else a button), a reply on the response_url. */
async function answerLater(
  outcome: Outcome,
  a: Answering,
  respond: Respond,
  triggerId: string,
  replaces = false,
): Promise<void> {
  if (outcome.kind === 'form' && (await openModal(outcome, triggerId, a))) return;
  const reply: Reply = outcome.kind === 'form' ? a.core.formLater(outcome, a.locale) : outcome;
  const messages = await messagesOf(reply, a);
  for (const [index, message] of messages.entries()) {
    const replace = replaces && (reply.replaces ?? false) && index === 0;
    await respond({ ...responseBody(message, reply.visibility), replace_original: replace });
  }
  await afterAnswer(outcome, messages, a, (text) =>
    respond({ response_type: 'ephemeral', text, replace_original: false }),
  );
}

async function onAction(
  args: SlackActionMiddlewareArgs<BlockAction> & { client: Answering['client'] },
  deps: HandlerDeps,
): Promise<void> {
  const { ack, body, action, respond, client } = args;
  await ack();
  const route = action.type === 'button' ? decodeRoute(action.action_id) : undefined;
  if (!route || route.kind === 'form') return;
  const community = deps.core.communityOfTeam(body.team?.id);
  const channelId = body.channel?.id ?? (body.container as { channel_id?: string }).channel_id ?? '';
  const actor = await actorOf(deps, community, {
    teamId: body.team?.id ?? '',
    channelId,
    userId: body.user.id,
    userName: body.user.name ?? body.user.id,
  });
  if (!community) return void (await respond({ ...unknownTeam(deps, actor), replace_original: false }));
  const a = answering(deps, client, community, actor, route.command, channelId);
  const outcome =
    route.kind === 'open'
      ? await deps.core.openForm(community, actor, route.stash)
      : await deps.core.act(community, actor, route.command, { action: route.action, value: route.value });
  await answerLater(outcome, a, respond, body.trigger_id, true);
}

async function onSubmit(
  args: SlackViewMiddlewareArgs<ViewSubmitAction> & { client: Answering['client'] },
  deps: HandlerDeps,
): Promise<void> {
  const { ack, body, view, client } = args;
  const metadata = metadataOf(view.private_metadata);
  const community = deps.core.communityOfTeam(body.team?.id);
  if (!metadata || !community) return void (await ack());
  const actor = await actorOf(deps, community, {
    teamId: community.slack?.teamId ?? '',
    channelId: metadata.channel,
    userId: body.user.id,
    userName: body.user.name,
  });
  const a = answering(deps, client, community, actor, metadata.form.split(':')[0] ?? '', metadata.channel);
  const values = submittedValues(view.state.values);
  const work = deps.core.submit(community, actor, { formId: metadata.form, values, state: metadata.state });
  const early = await within(work, deps.ackWithinMs ?? 1_500);
  if (!isSlow(early) && early.kind === 'form') return void (await ack(formAgain(early, a)));
  // The modal closes; the answer comes in the channel, to the member alone.
  await ack();
  const outcome = isSlow(early) ? await work : early;
  const reply = outcome.kind === 'form' ? a.core.formLater(outcome, a.locale) : outcome;
  const messages = await messagesOf(reply, a);
  await tellMember(messages, a);
  await afterAnswer(outcome, messages, a, (text) =>
    tellMember(
      renderForSlack(say([literal(text)]), { zone: community.timezone, locale: a.locale, buttonId: () => '' }),
      a,
    ),
  );
}

/** A form that comes back: its problems on their fields (`errors`), or the new form in the modal's place. */
function formAgain(form: Form, a: Answering) {
  const errors = fieldErrors(form, { locale: a.locale, zone: a.community.timezone });
  if (Object.keys(errors).length > 0) return { response_action: 'errors' as const, errors };
  return {
    response_action: 'update' as const,
    view: viewOf(form, { locale: a.locale, zone: a.community.timezone, channel: a.channelId }) as never,
  };
}
