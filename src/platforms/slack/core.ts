/**
 * Every call the Slack adapter makes into the core, in one place: when the core's API changes,
 * only this module follows it.
 */
import type { Community } from '../../config/community.ts';
import type { Bot } from '../../core/bot.ts';
import type { ButtonResponse, FirstResponse, Outcome } from '../../core/command.ts';
import type { Form, FormSubmission } from '../../core/form.ts';
import { formAsReply } from '../../core/formReply.ts';
import { toLocale, type Locale } from '../../core/i18n.ts';
import type { Invocation, Origin } from '../../core/invocation.ts';
import { communitiesByPlatformId, originOf } from '../../core/origin.ts';
import type { Reply } from '../../core/reply.ts';

/** Who acted, where, as Slack and the adapter's lookups describe them. */
export interface Actor {
  teamId: string;
  channelId: string;
  userId: string;
  userName: string;
  /** The member's Slack locale (`fr-FR`), from users.info; undefined when unknown. */
  locale: string | undefined;
  /** The organiser user groups (`S…`) of the community the member belongs to. */
  groups: string[];
}

export interface SlackCore {
  communityOfTeam(teamId: string | undefined): Community | undefined;
  /** The reader's language: their client's, else the community's, else English. */
  localeOf(actor: Pick<Actor, 'locale'>, community: Community | undefined): Locale;
  /** A slash command as the core reads it: planned, then run, as one (its options are read once). */
  invocation(community: Community, actor: Actor, command: string, text: string): Invocation;
  /** What a command answers first, known before it runs (no store, no I/O). */
  plan(invocation: Invocation): FirstResponse;
  planAct(command: string, action: string): ButtonResponse;
  command(invocation: Invocation): Promise<Outcome>;
  /** A modal may answer a modal on Slack (`response_action`), so a form that comes back stays a form. */
  submit(community: Community, actor: Actor, submission: FormSubmission): Promise<Outcome>;
  act(community: Community, actor: Actor, command: string, action: { action: string; value: string }): Promise<Outcome>;
  /** A form that can no longer be a modal (the trigger expired), as a reply whose button opens it. */
  formLater(form: Form, locale: Locale): Reply;
  stashForm(form: Form): Promise<string>;
  openForm(community: Community, actor: Actor, key: string): Promise<Outcome>;
  runEffects(outcome: Outcome): Promise<void>;
}

export function slackCoreOf<S>(bot: Bot<S, Community>): SlackCore {
  const byTeam = communitiesByPlatformId(bot.communities.values(), (community) => community.slack?.teamId);
  // Fields named one by one rather than spread: these run at every request.
  const origin = (community: Community, actor: Actor): Origin =>
    originOf(community.id, 'slack', {
      channelId: actor.channelId,
      userId: actor.userId,
      displayName: actor.userName,
      locale: actor.locale,
      roles: actor.groups,
    });
  return {
    communityOfTeam: (teamId) => (teamId ? byTeam.get(teamId) : undefined),
    localeOf: (actor, community) => toLocale(actor.locale) ?? community?.locale ?? 'en',
    invocation: (community, actor, command, text) => {
      const { communityId, platform, channelId, member } = origin(community, actor);
      return { communityId, platform, channelId, member, command, input: { kind: 'text', text } };
    },
    plan: (invocation) => bot.plan(invocation),
    planAct: (command, action) => bot.planAct(command, action),
    command: (invocation) => bot.handle(invocation),
    submit: (community, actor, submission) => bot.submit(origin(community, actor), submission),
    act: (community, actor, command, action) => bot.act(origin(community, actor), command, action),
    formLater: (form, locale) => formAsReply(form, locale),
    stashForm: (form) => bot.stashForm(form),
    openForm: (community, actor, key) => bot.openForm(origin(community, actor), key),
    runEffects: (outcome) => bot.runEffects(outcome),
  };
}
